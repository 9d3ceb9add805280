// The demo page (web/index.html + app.js) as a person uses it: drop or pick files, watch them,
// pause, resume, cancel, download. Leaves a screenshot in target/screenshots/.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { crc32c, crcToBase64 } from '../checksums.js';
import { MiB, installFileFactory, launchBrowser, newPage, partNumberOf, screenshotsDir, startLocalMode } from './helpers.js';

let local;
let browser;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uploadgate-demo-files-'));
  [local, browser] = await Promise.all([startLocalMode(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function fileOnDisk(name, size) {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(size));
  return path;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function openDemo() {
  const page = await newPage(browser);
  await page.goto(`${local.api}/`);
  await installFileFactory(page);
  return page;
}

function row(page, name) {
  return page.locator('.file', { has: page.locator('.file-name', { hasText: name }) });
}

async function downloadedSha(page, name) {
  const href = await row(page, name).locator('a.download').getAttribute('href');
  const res = await fetch(href);
  assert.equal(res.status, 200, `download of ${name}`);
  return sha256(Buffer.from(await res.arrayBuffer()));
}

test('demo_pickedAndDroppedFiles_uploadAndOfferDownloads', async () => {
  const page = await openDemo();
  const picked = [
    fileOnDisk('quarterly-report.pdf', 1_250_000),
    fileOnDisk('product-launch.mp4', 24 * MiB),
    fileOnDisk('notes.txt', 0),
  ];
  await page.setInputFiles('#file-input', picked);
  const dataTransfer = await page.evaluateHandle(async () => {
    const file = window.makeFile('design-mockup.png', 420_000, 3);
    window.droppedSha = await window.sha256(file);
    const transfer = new DataTransfer();
    transfer.items.add(file);
    return transfer;
  });
  await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });

  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.file')];
    return rows.length === 4 && rows.every((r) => r.dataset.state === 'done');
  }, null, { timeout: 60_000 });

  for (const path of picked) {
    const name = path.split('/').pop();
    assert.equal(await downloadedSha(page, name), sha256(readFileSync(path)), name);
    assert.equal(await row(page, name).getByRole('progressbar').getAttribute('aria-valuenow'), '100');
    // The CRC32C shown is the file's own, as S3 verified and stored it.
    const crc = crcToBase64(crc32c(readFileSync(path)));
    assert.match(await row(page, name).locator('.file-status').textContent(), /CRC32C checked by S3$/, name);
    assert.equal(await row(page, name).locator('.file-status').getAttribute('title'), `CRC32C ${crc}`, name);
  }
  assert.equal(await downloadedSha(page, 'design-mockup.png'), await page.evaluate(() => window.droppedSha));
  assert.equal(await page.locator('#summary').textContent(), '4 of 4 uploaded');
  await page.screenshot({ path: join(screenshotsDir(), 'demo.png'), fullPage: true });
  await page.close();
});

test('demo_pauseThenResume_completesWithoutResendingFinishedParts', async () => {
  const page = await openDemo();
  const path = fileOnDisk('raw-footage.mov', 24 * MiB);
  const s3 = new URL(local.s3).origin;
  const held = [];
  const finished = new Set();
  page.on('requestfinished', (request) => {
    if (partNumberOf(request) > 0) finished.add(partNumberOf(request));
  });
  // Parts 1 and 2 go through; the last part hangs until the person pauses.
  await page.route((url) => url.origin === s3, (route, request) => {
    if (partNumberOf(request) >= 3) held.push(route);
    else return route.continue();
  });
  await page.setInputFiles('#file-input', path);
  const file = row(page, 'raw-footage.mov');
  await waitFor(() => finished.size === 2 && held.length > 0, 'parts 1 and 2 uploaded');

  await file.getByRole('button', { name: 'Pause raw-footage.mov' }).click();
  await page.waitForSelector('.file[data-state="paused"]');
  assert.match(await file.locator('.file-status').textContent(), /^Paused at \d+%/);
  await page.screenshot({ path: join(screenshotsDir(), 'demo-paused.png'), fullPage: true });
  await Promise.allSettled(held.map((route) => route.abort()));
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  const sentAfterResume = [];
  page.on('request', (request) => {
    if (partNumberOf(request) > 0) sentAfterResume.push(partNumberOf(request));
  });
  await file.getByRole('button', { name: 'Resume raw-footage.mov' }).click();
  await page.waitForSelector('.file[data-state="done"]', { timeout: 30_000 });
  assert.deepEqual(sentAfterResume, [3], 'only the unfinished part is sent again');
  assert.equal(await downloadedSha(page, 'raw-footage.mov'), sha256(readFileSync(path)));
  await page.close();
});

test('demo_cancel_abortsTheUploadOnTheServer', async () => {
  const page = await openDemo();
  const path = fileOnDisk('cancel-me.iso', 12 * MiB);
  const s3 = new URL(local.s3).origin;
  const held = [];
  await page.route((url) => url.origin === s3, (route, request) => {
    if (partNumberOf(request) > 0) held.push(route);
    else return route.continue();
  });
  await page.setInputFiles('#file-input', path);
  await waitFor(() => held.length > 0, 'a part in flight');
  const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE');
  await row(page, 'cancel-me.iso').getByRole('button', { name: 'Cancel cancel-me.iso' }).click();
  assert.equal((await deleted).status(), 200);
  await page.waitForSelector('.file[data-state="cancelled"]');
  assert.equal(await row(page, 'cancel-me.iso').locator('.file-status').textContent(), 'Cancelled');
  await Promise.allSettled(held.map((route) => route.abort()));
  await page.close();
});

async function waitFor(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
