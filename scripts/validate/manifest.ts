/**
 * `npm run validate` (through validate-manifest.sh): the Office add-in manifest against the published
 * schemas kept in ./schemas/office-manifest, offline. Prints « FILE validates » and exits 0 when valid.
 * Usage: node --import tsx scripts/validate/manifest.ts manifest.xml
 */
import { readFileSync } from 'node:fs';
import { manifestSchemas, validateDocuments } from './xmlSchema';

const file = process.argv[2];
if (!file) {
  console.error('usage: manifest.ts manifest.xml');
  process.exit(2);
}
const errors = await validateDocuments(manifestSchemas(), [readFileSync(file, 'utf8')]);
if (errors.length) {
  for (const error of errors) console.error(`${file}: ${error.message}`);
  console.error(`${file} fails to validate`);
  process.exit(1);
}
console.log(`${file} validates`);
