#!/usr/bin/env node
// Runs the compiled command line (dist-cli/, built by `npm install` / `npm ci` through the `prepare`
// script, or by `npm run build:cli`): no TypeScript is compiled at start.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-cli/pilote-ap.mjs', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write("La ligne de commande n'est pas encore construite : lancez « npm run build:cli » (ou « npm install ») dans le dossier de Pilote AP.\n");
  process.exit(1);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));
