// Runs the compiled command line as bin/pilote-ap.mjs does, then writes this process's peak memory
// (maximum resident set size, in kilobytes) and processor time (user + system, in milliseconds) as
// JSON to the file named by PILOTE_AP_BENCH_USAGE. Plain JavaScript, so that the measured process
// loads nothing the command line itself does not.
import { writeFileSync } from 'node:fs';

const { main } = await import(new URL('../../dist-cli/pilote-ap.mjs', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
const usage = process.resourceUsage();
writeFileSync(process.env.PILOTE_AP_BENCH_USAGE, JSON.stringify({ maxRSS: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
