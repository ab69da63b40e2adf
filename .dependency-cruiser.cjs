/**
 * Architecture rules the build enforces (`npm run lint`):
 * - the core is pure: it imports nothing outside src/core, no Node module, no Office, no React;
 * - gateways only carry specs to a workbook: they never import a host, the pane, the ribbon or the CLI;
 * - no import cycle between modules; folder-level cycles are checked by scripts/lint/folder-cycles.mjs.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core runs unchanged in Excel, the browser and Node: it may import only src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'gateways-below-hosts',
      comment: 'Gateways are used by hosts, the pane and the CLI, never the other way round.',
      severity: 'error',
      from: { path: '^src/gateways/' },
      to: { path: '^src/(host|taskpane|app|commands|cli)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nobody imports is dead code (entry points excepted).',
      severity: 'error',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['\\.d\\.ts$', '^src/(taskpane/index|commands/commands|app/index|app/serviceWorker|cli/main)\\.(tsx?|js)$'],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|out)/' },
  },
};
