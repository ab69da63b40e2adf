/**
 * Writes sw.js, the standalone app's service worker (src/app/serviceWorker.js), with the list of the
 * files it must keep for offline use: every emitted file except what only Excel needs (the ribbon's
 * commands, the manifest, the local office.js copies) and the service worker itself.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import webpack from 'webpack';

const NOT_FOR_THE_APP = [/^commands[.]/, /^manifest\.xml$/, /^office-js\//, /^taskpane\.html$/, /\.map$/, /\.LICENSE\.txt$/];

export class OfflineCachePlugin {
  constructor({ template, fileName = 'sw.js' }) {
    this.template = template;
    this.fileName = fileName;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('OfflineCachePlugin', (compilation) => {
      compilation.fileDependencies.add(this.template);
      compilation.hooks.processAssets.tap({ name: 'OfflineCachePlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        const files = Object.keys(assets)
          .filter((name) => name !== this.fileName && !NOT_FOR_THE_APP.some((pattern) => pattern.test(name)))
          .sort();
        const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
        const source = readFileSync(this.template, 'utf8')
          .replace('__APP_FILES__', JSON.stringify(files.map((name) => `./${name}`)))
          .replace('__APP_VERSION__', JSON.stringify(version));
        compilation.emitAsset(this.fileName, new webpack.sources.RawSource(source), { minimized: true });
      });
    });
  }
}
