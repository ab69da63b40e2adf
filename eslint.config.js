// ESLint (flat config): TypeScript's recommended rules everywhere, React hooks rules in the pane, and
// Microsoft's Office add-in rules (load before read, no sync in loops...) where Office.js is called.
// Formatting is not linted. Architecture rules (who may import whom) live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const officeRules = Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, 'error']));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-*/', 'out/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/gateways/office/**/*.ts', 'src/commands/**/*.ts', 'src/host/officeHost.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    // The service worker's two placeholders are replaced at build time (scripts/webpack/offlineCache.mjs).
    files: ['src/app/serviceWorker.js'],
    languageOptions: { globals: { ...globals.serviceworker, __APP_FILES__: 'readonly', __APP_VERSION__: 'readonly' } },
  },
  {
    // Build helpers that webpack loads with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests may use the odd `any` to build hostile inputs on purpose.
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
