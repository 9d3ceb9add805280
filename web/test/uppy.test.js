// Uppy 6 (@uppy/aws-s3 in Companion mode, from npm) against local mode, through
// web/uppy-example.html as it is: the page's only configuration is companionEndpoint.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { MiB, installFileFactory, launchBrowser, newPage, screenshotsDir, sha256InS3, startLocalMode } from './helpers.js';
import { buildVendor, serveVendor } from './vendor.js';

let local;
let browser;

before(async () => {
  [local, browser] = await Promise.all([startLocalMode(), launchBrowser(), buildVendor()]);
});

after(async () => {
  await browser?.close();
  await local?.stop();
});

async function openExample() {
  const page = await newPage(browser);
  await serveVendor(page);
  await page.goto(`${local.api}/uppy-example.html`);
  await page.waitForFunction(() => window.uppy !== undefined && document.querySelector('.uppy-Dashboard'));
  await installFileFactory(page);
  return page;
}

/** Adds window.makeFile(name, size, seed) to Uppy, uploads it and returns what Uppy reports. */
function uploadWithUppy(page, name, size, seed) {
  return page.evaluate(
    async ({ name, size, seed }) => {
      const file = window.makeFile(name, size, seed);
      window.uppy.clear();
      window.uppy.addFile({ name, type: file.type, data: file, source: 'test' });
      const result = await window.uppy.upload();
      const [uploaded] = result.successful ?? [];
      return {
        failed: (result.failed ?? []).map((f) => String(f.error)),
        uploadURL: uploaded?.uploadURL ?? null,
        body: uploaded?.response?.body ?? null,
        sha256: await window.sha256(file),
      };
    },
    { name, size, seed },
  );
}

/** The object key behind a URL Uppy reports: path-style, so /<bucket>/<key>. */
function keyOf(uploadURL) {
  const path = decodeURIComponent(new URL(uploadURL).pathname).replace(/^\//, '');
  return path.slice(path.indexOf('/') + 1);
}

function recordRequests(page) {
  const requests = [];
  page.on('request', (request) => {
    if (request.method() !== 'OPTIONS') requests.push(`${request.method()} ${request.url()}`);
  });
  return requests;
}

test('uppy_smallAndEmptyFiles_goUpAsPostFormsSignedByParams', async () => {
  const page = await openExample();
  const requests = recordRequests(page);
  for (const [name, size] of [['hello uppy.txt', 20_000], ['empty uppy.txt', 0]]) {
    const outcome = await uploadWithUppy(page, name, size, size + 1);
    assert.deepEqual(outcome.failed, [], `${name} failed`);
    const key = outcome.body?.key ?? keyOf(outcome.uploadURL);
    assert.ok(key.endsWith(`/${name}`), `key ${key}`);
    assert.equal(await sha256InS3(local.api, key), outcome.sha256, `bytes of ${name}`);
  }
  assert.equal(requests.filter((r) => r.startsWith(`GET ${local.api}/s3/params?`)).length, 2);
  assert.equal(requests.filter((r) => r.startsWith(`POST ${local.s3}`)).length, 2, 'two POST forms to S3');
  assert.ok(!requests.some((r) => r.includes('/s3/multipart')), 'no multipart call');
  await page.close();
});

test('uppy_multipartFile_goesUpInPartsThroughTheApi', async () => {
  const page = await openExample();
  const requests = recordRequests(page);
  // Uppy goes multipart above 100 MiB by default; its own option lowers that for a quick test.
  await page.evaluate(() => window.uppy.getPlugin('AwsS3').setOptions({ shouldUseMultipart: true }));
  const outcome = await uploadWithUppy(page, 'uppy multipart.bin', 12 * MiB, 21);
  assert.deepEqual(outcome.failed, []);
  const key = outcome.body?.key ?? keyOf(outcome.uploadURL);
  assert.ok(key.endsWith('/uppy multipart.bin'), `key ${key}`);
  assert.equal(await sha256InS3(local.api, key), outcome.sha256);
  assert.equal(requests.filter((r) => r.startsWith(`POST ${local.api}/s3/multipart`)).length, 2, 'create and complete');
  assert.ok(requests.filter((r) => r.startsWith(`PUT ${local.s3}`)).length >= 2, 'parts PUT to S3');
  await page.screenshot({ path: join(screenshotsDir(), 'uppy-example.png'), fullPage: true });
  await page.close();
});
