/**
 * Builds the task pane and the ribbon commands of Pilote AP.
 *
 *   npm run build            development build in dist/ (manifest on https://localhost:3000), said so
 *   PILOTE_AP_URL=https://… npm run build   build for a school: every manifest URL uses that address
 *   npm run dev-server       https://localhost:3000 (office-addin-dev-certs), office.js local copy
 *   npm run preview          http://localhost:3000, no certificate, office.js local copy (plain browser)
 *   webpack --mode production --env preview     the preview as static files in dist-preview/ (e2e, bench)
 *   npm run app              the standalone app (index.html, no Excel) on http://localhost:3000
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { OfflineCachePlugin } from './scripts/webpack/offlineCache.mjs';
import { EsbuildPlugin } from 'esbuild-loader';
import { deploymentBase, rewriteManifest } from './scripts/deploymentUrl.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL = 'office-js/office.js';
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html';
const officeDist = 'node_modules/@microsoft/office-js/dist';
const DEV_PORT = 3000;
/** Every Office webview that has ExcelApi 1.9 parses ES2017 (EdgeHTML, older Safari); older ones get legacy-check.js. */
const SCRIPT_TARGET = 'es2017';
const LEGACY_CHECK = 'legacy-check.js';

/**
 * « Rien ne quitte la page », enforced by the browser: each page's Content-Security-Policy, written as a
 * <meta> first in its <head> (static hosting sets no headers). Scripts only from the page's own site (and,
 * for the pane in production, office.js from Microsoft's CDN), none inline; requests only to the own site.
 * Styles may be inline (Fluent UI inserts its <style> elements at run time); the solver's WebAssembly
 * needs 'wasm-unsafe-eval'; development builds evaluate their source maps ('unsafe-eval').
 */
function contentSecurityPolicy({ officeJsFromCdn, development }) {
  const scripts = ["'self'", "'wasm-unsafe-eval'", ...(officeJsFromCdn ? [new URL(OFFICE_JS_CDN).origin] : []), ...(development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Puts the ES5 check before the bundles of each page (office.js, in the template, is ES5 itself). */
class LegacyCheckFirst {
  apply(compiler) {
    compiler.hooks.compilation.tap('LegacyCheckFirst', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('LegacyCheckFirst', (data) => {
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: 'LegacyCheckFirst' }, attributes: { src: LEGACY_CHECK } });
        return data;
      });
    });
  }
}

/**
 * The local office.js and what it loads: outside Office only the loader and its strings; inside Excel
 * (dev server) also the Excel host scripts and telemetry.
 */
function officeJsCopies(withExcelHosts) {
  const to = 'office-js/';
  const patterns = [
    `${officeDist}/office.js`,
    `${officeDist}/o15apptofilemappingtable.js`,
    `${officeDist}/es6-promise.js`,
    `${officeDist}/fr-fr/office_strings.js`,
    `${officeDist}/en-us/office_strings.js`,
  ];
  if (withExcelHosts) {
    patterns.push(`${officeDist}/excel-*.js`, `${officeDist}/telemetry/oteljs_agave.js`, `${officeDist}/ariatelemetry/*.js`);
  }
  return patterns.map((from) => ({
    from,
    // Outside Office, office.js's logger opens a hidden frame on Microsoft's telemetry service after 3 s:
    // the local copy points it at about:blank so that the preview never leaves the machine.
    ...(from.endsWith('o15apptofilemappingtable.js') && { transform: (content) => content.toString().replace(OFFICE_TELEMETRY, 'about:blank') }),
    // Keep the folder layout office.js expects (fr-fr/office_strings.js...).
    to: ({ absoluteFilename }) => to + path.relative(path.join(root, officeDist), absoluteFilename).split(path.sep).join('/'),
    info: { minimized: true },
    globOptions: { ignore: ['**/*.debug.js'] },
  }));
}

export default async function config(env = {}, argv = {}) {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const preview = Boolean(env.preview);
  const serving = Boolean(env.WEBPACK_SERVE);
  const localOfficeJs = mode === 'development' || preview;
  const officeJsUrl = localOfficeJs ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;
  const base = preview ? null : deploymentBase();
  const development = mode === 'development';
  const paneCsp = contentSecurityPolicy({ officeJsFromCdn: !localOfficeJs, development });
  const appCsp = contentSecurityPolicy({ officeJsFromCdn: false, development });
  if (!preview && !serving) {
    console.log(
      base
        ? `Pilote AP : build pour ${base} (manifeste dist/manifest.xml à déployer).`
        : 'Pilote AP : build de DÉVELOPPEMENT (manifeste sur https://localhost:3000). Pour un établissement : PILOTE_AP_URL=https://… npm run build',
    );
  }

  let server = 'http';
  if (serving && !preview) {
    // Only the https dev server needs a certificate; the preview and builds never ask for one.
    const devCerts = (await import('office-addin-dev-certs')).default;
    server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
  }

  return {
    mode,
    context: root,
    devtool: mode === 'development' ? 'eval-cheap-module-source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      // The standalone app (index.html): the same React app on the file host, without office.js.
      app: './src/app/index.tsx',
    },
    output: {
      // env.outputPath: the production build test writes to a temporary folder.
      path: env.outputPath ? path.resolve(env.outputPath) : path.join(root, preview && !serving ? 'dist-preview' : 'dist'),
      filename: mode === 'production' ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: mode === 'production' ? 'chunks/[name].[contenthash:8].js' : 'chunks/[name].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      // Emscripten glue (highs) and ExcelJS probe node modules behind runtime checks: never in a browser.
      fallback: { fs: false, path: false, crypto: false, module: false, url: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // esbuild only strips types (tsc checks them): the build stays well under a minute.
          use: [
            path.join(root, 'scripts/unicodeRegexLoader.cjs'),
            // import.meta.url is kept for webpack, which turns `new Worker(new URL(…, import.meta.url))` into the worker's chunk.
            { loader: 'esbuild-loader', options: { loader: 'tsx', jsx: 'automatic', target: SCRIPT_TARGET, supported: { 'import-meta': true } } },
          ],
        },
        { test: /\.wasm$/, type: 'asset/resource' },
        { test: /\.(png|svg|ico)$/, type: 'asset/resource' },
      ],
    },
    plugins: [
      // `node:fs` and friends: strip the scheme so that the fallbacks above apply.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, '');
      }),
      new LegacyCheckFirst(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJsUrl, csp: paneCsp },
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJsUrl, csp: paneCsp },
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/app/index.html', chunks: ['app'], templateParameters: { csp: appCsp }, scriptLoading: 'defer' }),
      new OfflineCachePlugin({ template: path.join(root, 'src/app/serviceWorker.js') }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            info: { minimized: true },
            ...(base && { transform: (content) => rewriteManifest(content.toString(), base) }),
          },
          { from: `assets/${LEGACY_CHECK}`, to: LEGACY_CHECK, info: { minimized: true } },
          // Icons only (the folder also holds the script that draws them).
          { from: 'assets/*.{png,svg,ico}', to: 'assets/[name][ext]', info: { minimized: true }, noErrorOnMissing: true },
          ...(localOfficeJs ? officeJsCopies(!preview) : []),
        ],
      }),
    ],
    target: ['web', SCRIPT_TARGET],
    optimization: {
      // Also lowers what node_modules ship (object spread, optional chaining...) to ES2017.
      minimizer: [new EsbuildPlugin({ target: SCRIPT_TARGET, legalComments: 'none' })],
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // React and Fluent UI change less often than the pane: their own cacheable file.
          ui: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc)[\\/]/, name: 'ui', chunks: 'initial', priority: 10 },
          // Heavy parts loaded on demand, named so that the bench can tell them apart.
          exceljs: { test: /[\\/]node_modules[\\/](exceljs|jszip)[\\/]/, name: 'exceljs', chunks: 'async', priority: 20 },
          highs: { test: /[\\/]node_modules[\\/]highs[\\/]/, name: 'highs', chunks: 'async', priority: 20 },
        },
      },
    },
    performance: { hints: false },
    devServer: {
      host: 'localhost',
      port: DEV_PORT,
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      client: { overlay: { warnings: false, errors: true } },
      open: env.app ? '/index.html' : preview ? '/taskpane.html' : false,
    },
  };
}
