/**
 * Check written workbooks the way Excel would open them (see validateXlsx.ts), offline.
 * Usage: node --import tsx scripts/validate/xlsx.ts FILE.xlsx...   (exit 0 when every file is valid)
 */
import { readFileSync } from 'node:fs';
import { describeReport, validatePackages } from './validateXlsx';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: xlsx.ts FILE.xlsx...');
  process.exit(2);
}
const reports = await validatePackages(files.map((file) => readFileSync(file)));
reports.forEach((report, i) => console.log(describeReport(files[i], report)));
process.exit(reports.some((report) => report.errors.length) ? 1 : 0);
