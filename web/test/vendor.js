// Uppy for uppy-example.html without a CDN: bundles the pinned @uppy/* packages from
// node_modules into ESM files under target/vendor/ (some of their dependencies are CommonJS, so an
// import map straight into node_modules cannot work), copies Uppy's CSS next to them, and serves
// them to a page through Playwright's request interception.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ARTIFACTS_DIR, WEB_DIR } from './helpers.js';

export const VENDOR_DIR = join(ARTIFACTS_DIR, 'vendor');

const ENTRIES = {
  'uppy-core': '@uppy/core',
  'uppy-dashboard': '@uppy/dashboard',
  'uppy-aws-s3': '@uppy/aws-s3',
};

const STYLES = {
  'uppy-core.min.css': 'node_modules/@uppy/core/dist/style.min.css',
  'uppy-dashboard.min.css': 'node_modules/@uppy/dashboard/dist/style.min.css',
};

export async function buildVendor(outDir = VENDOR_DIR) {
  rmSync(outDir, { recursive: true, force: true }); // no stale chunks from an earlier build
  mkdirSync(outDir, { recursive: true });
  // splitting: the three entries share one copy of @uppy/core (and preact), as with a bundler.
  await build({
    absWorkingDir: WEB_DIR,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outdir: outDir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    minify: true,
    logLevel: 'warning',
  });
  for (const [name, source] of Object.entries(STYLES)) copyFileSync(join(WEB_DIR, source), join(outDir, name));
  return outDir;
}

/** Answers the page's requests for ./vendor/<file> from target/vendor/. */
export async function serveVendor(page) {
  await page.route('**/vendor/*', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (!/^[\w.-]+$/.test(name)) return route.fulfill({ status: 404 });
    try {
      const body = readFileSync(join(VENDOR_DIR, name));
      const contentType = name.endsWith('.css') ? 'text/css' : 'text/javascript';
      return route.fulfill({ status: 200, body, headers: { 'content-type': `${contentType}; charset=utf-8` } });
    } catch {
      return route.fulfill({ status: 404, body: `not in ${VENDOR_DIR}: ${name}` });
    }
  });
}

// `node test/vendor.js [dir]` builds the files for a look at the page by hand: with `vendor` as
// dir (from web/), local mode serves them next to uppy-example.html.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : VENDOR_DIR;
  console.log(`Uppy bundled into ${await buildVendor(outDir)}`);
}
