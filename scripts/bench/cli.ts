/**
 * Command-line bench: start-up of the compiled `pilote-ap help` against a bare `node -e 0` (target:
 * within 4 times). Median of a few runs. `npm run demo` and larger schools: schools.ts.
 */
import { execFileSync } from 'node:child_process';

const RUNS = 7;

function medianMs(file: string, args: string[], runs = RUNS): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    execFileSync(file, args, { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function bench(): Promise<void> {
  console.log('Ligne de commande compilée (dist-cli/)');
  // Measure the sources as they are, not a build left from an earlier install.
  execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
  const nodeBareMs = medianMs(process.execPath, ['-e', '0']);
  const cliHelpMs = medianMs(process.execPath, ['bin/pilote-ap.mjs', 'help']);
  // The two other ways the README gives: the file run through its shebang (what `npm link` puts on the
  // PATH) and `npx`, which first starts npm itself to find the command.
  const linkedHelpMs = medianMs('bin/pilote-ap.mjs', ['help']);
  const npxHelpMs = medianMs('npx', ['--no-install', 'pilote-ap', 'help'], 3);
  const demoMs = medianMs(process.execPath, ['bin/pilote-ap.mjs', 'generate', 'examples/lycee-exemple.xlsx', '-o', 'out/groupes-exemple.xlsx', '--date', '2026-11-20'], 3);
  console.log(`  nodeBareMs  node -e 0 : ${nodeBareMs.toFixed(0)} ms`);
  console.log(`  cliHelpMs   pilote-ap help : ${cliHelpMs.toFixed(0)} ms (${(cliHelpMs / nodeBareMs).toFixed(1)} × node nu)`);
  console.log(`  linkedHelpMs pilote-ap help (npm link, par le shebang) : ${linkedHelpMs.toFixed(0)} ms (${(linkedHelpMs / nodeBareMs).toFixed(1)} × node nu)`);
  console.log(`  npxHelpMs   npx pilote-ap help : ${npxHelpMs.toFixed(0)} ms (${(npxHelpMs / nodeBareMs).toFixed(1)} × node nu)`);
  console.log(`  demoMs      npm run demo (generate sur le classeur d'exemple) : ${demoMs.toFixed(0)} ms`);
}
