// Browser tests of web/uploadgate.js: headless Chromium against a real local mode (the API's
// handlers plus S3Proxy checking every signature). Faults are injected with page.route on the
// requests to S3, the way the AWS SDK's fault tests reset connections and return 500s once.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32c, crcToBase64 } from '../checksums.js';
import {
  MiB,
  installFileFactory,
  launchBrowser,
  newPage,
  partNumberOf,
  sha256InS3,
  startLocalMode,
} from './helpers.js';

let local;
let browser;

before(async () => {
  [local, browser] = await Promise.all([startLocalMode(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await local?.stop();
});

/** The demo page, with the module imported as `window.uploadgate` and the file factory installed. */
async function openPage() {
  const page = await newPage(browser);
  await page.goto(`${local.api}/`);
  await page.evaluate(async () => {
    window.uploadgate = await import('/uploadgate.js');
  });
  await installFileFactory(page);
  return page;
}

/** Routes the page's requests to the embedded S3 server through `handler(route, request)`. */
async function interceptS3(page, handler) {
  const s3 = new URL(local.s3).origin;
  await page.route((url) => url.origin === s3, async (route, request) => {
    // Preflights pass through: the bucket's own CORS rule answers them.
    if (request.method() === 'OPTIONS') return route.continue();
    return handler(route, request);
  });
}

/** A response the page may read across origins, as S3 sends it with the bucket's CORS rule. */
function s3Response(page, status, body) {
  return {
    status,
    contentType: 'application/xml',
    body,
    headers: {
      'access-control-allow-origin': new URL(page.url()).origin,
      'access-control-expose-headers': 'ETag',
    },
  };
}

/** Uploads window.makeFile(name, size, seed) with the module; resolves with result and source hash. */
function uploadInPage(page, { name, size, seed = 1, options = {} }) {
  return page.evaluate(
    async ({ name, size, seed, options }) => {
      const file = window.makeFile(name, size, seed);
      const result = await window.uploadgate.upload(file, { endpoint: location.origin, ...options });
      return { result, sha256: await window.sha256(file) };
    },
    { name, size, seed, options },
  );
}

/**
 * A first page on which parts 1 to {@code kept} of the spec's file reach S3 and the others hang,
 * then a reload: the page that follows has the module and the file factory again, and the resume entry.
 */
async function uploadPartsThenReload(page, spec, kept) {
  const held = [];
  const finished = new Set();
  page.on('requestfinished', (request) => {
    if (partNumberOf(request) > 0) finished.add(partNumberOf(request));
  });
  await interceptS3(page, (route, request) => {
    if (partNumberOf(request) > kept) held.push(route);
    else return route.continue();
  });
  uploadInPage(page, spec).catch(() => {}); // dies with the reload
  await waitFor(() => finished.size === kept && held.length > 0, `parts 1-${kept} uploaded`);
  await page.reload();
  await Promise.allSettled(held.map((route) => route.abort()));
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.evaluate(async () => {
    window.uploadgate = await import('/uploadgate.js');
  });
  await installFileFactory(page);
}

/** The API calls a page makes, but for batches of part URLs, as "<call> <status>" in order. */
function recordApiCalls(page) {
  const api = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== local.api || url.pathname.endsWith('/batch')) return;
    const method = response.request().method();
    const call = url.pathname === '/s3/multipart' ? 'create'
      : url.pathname.endsWith('/complete') ? 'complete'
        : /^\/s3\/multipart\/[^/]+$/.test(url.pathname) ? (method === 'DELETE' ? 'abort' : 'list-parts')
          : `${method} ${url.pathname}`;
    api.push(`${call} ${response.status()}`);
  });
  return api;
}

/** Uploads the file of this spec with one byte of its first part changed (same name, size and date). */
function uploadEditedInPage(page, { name, size, seed, options }) {
  return page.evaluate(async ({ name, size, seed, options }) => {
    const original = window.makeFile(name, size, seed);
    const bytes = new Uint8Array(await original.arrayBuffer());
    bytes[1000] ^= 1;
    const file = new File([bytes], original.name, { type: original.type, lastModified: original.lastModified });
    const result = await window.uploadgate.upload(file, { endpoint: location.origin, ...options });
    return { result, sha256: await window.sha256(file) };
  }, { name, size, seed, options });
}

function countParts(page) {
  const counts = new Map();
  page.on('request', (request) => {
    const n = partNumberOf(request);
    if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
  });
  return counts;
}

describe('upload()', () => {
  test('upload_emptySmallAndMultipartFiles_bytesInS3EqualTheSource', async () => {
    const page = await openPage();
    const parts = countParts(page);
    for (const [name, size] of [['empty.txt', 0], ['small report.pdf', 150_000], ['big video.mp4', 40 * MiB]]) {
      const { result, sha256 } = await uploadInPage(page, {
        name,
        size,
        seed: size + 3,
        options: { partSize: 5 * MiB, concurrency: 4 },
      });
      assert.equal(result.size, size, name);
      assert.ok(result.key.endsWith(`/${name}`), `key ${result.key} ends with the file name`);
      assert.equal(await sha256InS3(local.api, result.key), sha256, `bytes of ${name}`);
    }
    // 40 MiB in 5 MiB parts: eight parts, each sent once.
    assert.deepEqual([...parts.keys()].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.ok([...parts.values()].every((count) => count === 1));
    await page.close();
  });

  test('upload_partFailsTwice_isRetriedAndCompletes', async () => {
    const page = await openPage();
    let attemptsOfPart2 = 0;
    await interceptS3(page, async (route, request) => {
      if (partNumberOf(request) === 2) {
        attemptsOfPart2++;
        if (attemptsOfPart2 === 1) return route.abort('connectionreset');
        if (attemptsOfPart2 === 2) {
          return route.fulfill(s3Response(page, 503, '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'));
        }
      }
      return route.continue();
    });
    const { result, sha256 } = await uploadInPage(page, {
      name: 'flaky.bin',
      size: 12 * MiB,
      options: { partSize: 5 * MiB, retryDelay: 50 },
    });
    assert.equal(attemptsOfPart2, 3);
    assert.equal(await sha256InS3(local.api, result.key), sha256);
    await page.close();
  });

  test('upload_presignedUrlExpired_signsAgainAndCompletes', async () => {
    const page = await openPage();
    const expired =
      "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
    const sent = new Map(); // part number (0: single PUT) -> PUTs seen
    await interceptS3(page, async (route, request) => {
      if (request.method() !== 'PUT') return route.continue();
      const n = partNumberOf(request);
      sent.set(n, (sent.get(n) ?? 0) + 1);
      // Each part's first URL is refused the way S3 refuses an expired one.
      if (sent.get(n) === 1) return route.fulfill(s3Response(page, 403, expired));
      return route.continue();
    });
    // Signatures asked of the API, per part number (0: single PUT). A fresh URL can be
    // byte-identical to the refused one when signed within the same second, so count the asks.
    const signed = new Map();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== local.api || request.method() !== 'GET') return;
      const batch = /^\/s3\/multipart\/[^/]+\/batch$/.test(url.pathname) && url.searchParams.get('partNumbers');
      const numbers = batch ? batch.split(',').map(Number) : url.pathname === '/s3/params' ? [0] : [];
      for (const n of numbers) signed.set(n, (signed.get(n) ?? 0) + 1);
    });

    const multipart = await uploadInPage(page, { name: 'expired.bin', size: 11 * MiB, options: { partSize: 5 * MiB } });
    assert.equal(await sha256InS3(local.api, multipart.result.key), multipart.sha256);
    for (const n of [1, 2, 3]) {
      assert.equal(sent.get(n), 2, `part ${n} sent twice`);
      assert.equal(signed.get(n), 2, `part ${n} signed again after the 403`);
    }

    const single = await uploadInPage(page, { name: 'expired-small.txt', size: 1000 });
    assert.equal(await sha256InS3(local.api, single.result.key), single.sha256);
    assert.equal(sent.get(0), 2, 'the single PUT was sent again');
    assert.equal(signed.get(0), 2, 'the single PUT was signed again');
    await page.close();
  });

  test('upload_abortedThroughSignal_abortsTheMultipartUploadOnTheServer', async (t) => {
    const page = await openPage();
    // Hold every part until the test has cancelled, so the upload is surely mid-way.
    const held = [];
    await interceptS3(page, (route, request) => {
      if (partNumberOf(request) > 0) held.push(route);
      else return route.continue();
    });
    const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE');
    const outcome = page.evaluate(async () => {
      const controller = new AbortController();
      window.cancelUpload = () => controller.abort();
      const file = window.makeFile('cancelled.bin', 20 * 1024 * 1024, 9);
      try {
        await window.uploadgate.upload(file, { endpoint: location.origin, signal: controller.signal, partSize: 5 * 1024 * 1024 });
        return { error: null };
      } catch (error) {
        return { error: { name: error.name, code: error.code }, storage: Object.keys(localStorage) };
      }
    });
    await waitFor(() => held.length >= 2, 'parts in flight');
    const created = JSON.parse(await page.evaluate(() => localStorage.getItem(Object.keys(localStorage)[0])));
    await page.evaluate(() => window.cancelUpload());

    const { error, storage } = await outcome;
    assert.deepEqual(error, { name: 'AbortError', code: 'Aborted' });
    assert.deepEqual(storage, [], 'the resume entry is gone');
    const deleteResponse = await deleted;
    assert.equal(deleteResponse.status(), 200);
    assert.ok(deleteResponse.url().includes(`/s3/multipart/${encodeURIComponent(created.uploadId)}?`));
    await Promise.allSettled(held.map((route) => route.abort()));

    const listParts = await fetch(
      `${local.api}/s3/multipart/${encodeURIComponent(created.uploadId)}?${new URLSearchParams({ key: created.key })}`,
    );
    // The API confirms an empty part list against the open uploads, so even on S3Proxy (which
    // keeps listing aborted uploads) the cancelled upload is gone, as on S3.
    assert.equal(listParts.status, 404);
    assert.equal((await listParts.json()).code, 'NoSuchUpload');
    await page.close();
  });

  test('upload_pageReloadedMidUpload_resumesWithoutResendingFinishedParts', async () => {
    const page = await openPage();
    const spec = { name: 'resumed.bin', size: 40 * MiB, seed: 11, options: { partSize: 5 * MiB, concurrency: 3 } };
    // Before the reload: parts 1-3 reach S3; every later part hangs until the reload, so none of them reaches S3.
    await uploadPartsThenReload(page, spec, 3);
    const parts = countParts(page);
    const { result, sha256 } = await uploadInPage(page, spec);
    assert.deepEqual(
      [...parts].sort((a, b) => a[0] - b[0]),
      [[4, 1], [5, 1], [6, 1], [7, 1], [8, 1]],
      'after the reload only parts 4-8 are sent, once each',
    );
    assert.equal(await sha256InS3(local.api, result.key), sha256);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'the resume entry is gone once complete');
    await page.close();
  });

  test('upload_bucketDoesNotExposeETag_failsWithAClearError', async () => {
    const page = await openPage();
    await interceptS3(page, async (route) => {
      // What a bucket without ExposeHeaders: ["ETag"] looks like to the page: 200, no readable ETag.
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['access-control-expose-headers'];
      return route.fulfill({ response, headers });
    });
    const error = await page.evaluate(async () => {
      const file = window.makeFile('no-etag.bin', 6 * 1024 * 1024, 5);
      try {
        await window.uploadgate.upload(file, { endpoint: location.origin, partSize: 5 * 1024 * 1024 });
        return null;
      } catch (e) {
        return { code: e.code, message: e.message };
      }
    });
    assert.equal(error?.code, 'ETagNotExposed');
    assert.match(error.message, /expose the ETag header/);
    await page.close();
  });
});

/** The object's bytes and what /s3/download reports about it (S3's stored checksum among it). */
async function objectInS3(key) {
  const res = await fetch(`${local.api}/s3/download?${new URLSearchParams({ key })}`);
  if (!res.ok) return { status: res.status, error: await res.json() };
  const info = await res.json();
  const object = await fetch(info.url);
  assert.equal(object.status, 200, 'presigned GET of the object');
  return { status: res.status, info, bytes: new Uint8Array(await object.arrayBuffer()) };
}

/** Replaces one byte in the middle of a PUT's body: same length, so only the checksum can tell. */
function corrupted(request) {
  const body = request.postDataBuffer();
  assert.ok(body && body.length > 0, 'the intercepted PUT has a body');
  const altered = Buffer.from(body);
  altered[altered.length >> 1] ^= 0x5a;
  return altered;
}

describe('checksums', () => {
  test('upload_sizedMultipart_sendsEachPartsCrc32cAndRoundTrips', async () => {
    const page = await openPage();
    const created = [];
    const batches = [];
    const completes = [];
    const puts = new Map(); // part number -> x-amz-checksum-crc32c it carried
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === local.api && request.method() === 'POST' && url.pathname === '/s3/multipart') {
        created.push(request.postDataJSON());
      } else if (url.origin === local.api && url.pathname.endsWith('/batch')) {
        batches.push(url.searchParams);
      } else if (url.origin === local.api && url.pathname.endsWith('/complete')) {
        completes.push(request.postDataJSON());
      } else if (partNumberOf(request) > 0) {
        puts.set(partNumberOf(request), request.headers()['x-amz-checksum-crc32c']);
      }
    });
    // 21 MiB in 5 MiB parts: four full parts and a 1 MiB one.
    const { result, sha256 } = await uploadInPage(page, {
      name: 'checked.bin',
      size: 21 * MiB,
      seed: 21,
      options: { partSize: 5 * MiB, concurrency: 2 },
    });

    const stored = await objectInS3(result.key);
    assert.equal(createHash('sha256').update(stored.bytes).digest('hex'), sha256, 'bytes in S3 equal the source');
    const expectedParts = [1, 2, 3, 4, 5].map((n) => crcToBase64(crc32c(stored.bytes.subarray((n - 1) * 5 * MiB, n * 5 * MiB))));
    const whole = crcToBase64(crc32c(stored.bytes));
    assert.deepEqual(created, [
      { filename: 'checked.bin', type: 'application/octet-stream', size: 21 * MiB, partSize: 5 * MiB, checksumAlgorithm: 'CRC32C', checksumType: 'FULL_OBJECT' },
    ]);
    assert.ok(batches.length >= 1);
    for (const params of batches) {
      const numbers = params.get('partNumbers').split(',').map(Number);
      assert.deepEqual(params.get('checksums').split(','), numbers.map((n) => expectedParts[n - 1]), 'checksums in partNumbers order');
    }
    assert.deepEqual([...puts].sort((a, b) => a[0] - b[0]), expectedParts.map((crc, i) => [i + 1, crc]), 'each PUT carries its part CRC');
    assert.equal(completes.length, 1);
    assert.deepEqual(completes[0].parts.map((p) => [p.PartNumber, p.ChecksumCRC32C]), expectedParts.map((crc, i) => [i + 1, crc]));
    assert.equal(completes[0].checksum, whole);
    assert.deepEqual(result.checksum, { algorithm: 'CRC32C', type: 'FULL_OBJECT', value: whole });
    // What S3 itself stored for the object, read back with ChecksumMode=ENABLED by /s3/download.
    assert.deepEqual(stored.info.checksum, { algorithm: 'CRC32C', type: 'FULL_OBJECT', value: whole });
    await page.close();
  });

  test('upload_partCorruptedOnce_isSentAgainAndCompletes', async () => {
    const page = await openPage();
    const answers = [];
    let attemptsOfPart2 = 0;
    await interceptS3(page, async (route, request) => {
      if (partNumberOf(request) !== 2) return route.continue();
      attemptsOfPart2++;
      if (attemptsOfPart2 > 1) return route.continue();
      const response = await route.fetch({ postData: corrupted(request) });
      answers.push({ status: response.status(), body: await response.text() });
      return route.fulfill({ response });
    });
    const { result, sha256 } = await uploadInPage(page, { name: 'healed.bin', size: 12 * MiB, seed: 12, options: { partSize: 5 * MiB } });
    assert.equal(answers.length, 1);
    assert.equal(answers[0].status, 400, 'S3 refused the corrupted part');
    assert.match(answers[0].body, /<Code>BadDigest<\/Code>/);
    assert.equal(attemptsOfPart2, 2, 'part 2 was sent again');
    assert.equal(await sha256InS3(local.api, result.key), sha256);
    await page.close();
  });

  test('upload_partCorruptedEveryTime_failsWithChecksumMismatchAndStoresNothing', async () => {
    const page = await openPage();
    let attemptsOfPart2 = 0;
    await interceptS3(page, async (route, request) => {
      if (partNumberOf(request) !== 2) return route.continue();
      attemptsOfPart2++;
      return route.continue({ postData: corrupted(request) });
    });
    const createdAnswer = page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/s3/multipart');
    const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE');
    const error = await page.evaluate(async () => {
      const file = window.makeFile('always-corrupt.bin', 12 * 1024 * 1024, 13);
      try {
        await window.uploadgate.upload(file, { endpoint: location.origin, partSize: 5 * 1024 * 1024, retryDelay: 50 });
        return null;
      } catch (e) {
        return { name: e.name, code: e.code, status: e.status, message: e.message, storage: Object.keys(localStorage) };
      }
    });
    assert.ok(error, 'the upload failed');
    assert.equal(error.code, 'ChecksumMismatch');
    assert.equal(error.status, 400);
    assert.match(error.message, /S3 refused part 2 of always-corrupt\.bin 3 times \(400 BadDigest\)/);
    assert.match(error.message, /did not match their CRC32C checksum/);
    assert.equal(attemptsOfPart2, 3);
    assert.deepEqual(error.storage, [], 'no resume entry is left');

    const { key, uploadId } = await (await createdAnswer).json();
    assert.equal((await deleted).status(), 200, 'the multipart upload was aborted');
    const object = await objectInS3(key);
    assert.equal(object.status, 404, 'no object exists under the key');
    assert.equal(object.error.code, 'NotFound');
    const listParts = await fetch(`${local.api}/s3/multipart/${encodeURIComponent(uploadId)}?${new URLSearchParams({ key })}`);
    assert.equal(listParts.status, 404, 'no parts are left either');
    await page.close();
  });

  test('upload_resumedFileChangedSince_startsOverAndStoresTheNewBytes', async () => {
    const page = await openPage();
    const options = { partSize: 5 * MiB };
    await uploadPartsThenReload(page, { name: 'edited.bin', size: 12 * MiB, seed: 15, options }, 2);

    // Second page: the same name, size and date, one byte of part 1 different. Without checksums
    // the resume would assemble the old part 1 with the new part 3.
    const api = recordApiCalls(page);
    const { result, sha256 } = await uploadEditedInPage(page, { name: 'edited.bin', size: 12 * MiB, seed: 15, options });

    assert.equal(await sha256InS3(local.api, result.key), sha256, 'S3 holds the edited file');
    assert.deepEqual(api, [
      'list-parts 200', // of the saved upload: parts 1 and 2, so only part 3 is sent
      'complete 400', // S3: BadDigest, the stored part 1 is not this file's
      'abort 200', // the stale upload is given up
      'create 200', // and the file goes up again from the start
      'complete 200',
    ]);
    await page.close();
  });

  test('upload_resumedFileChangedSinceWithPartChecksumsListed_sendsOnlyTheChangedPartsAgain', async () => {
    const page = await openPage();
    // As above, but list-parts names each part's CRC32C, as S3 does for an upload created with a
    // checksum (S3Proxy lists none, so they are added here from the original file's bytes).
    const options = { partSize: 5 * MiB };
    await uploadPartsThenReload(page, { name: 'edited-listed.bin', size: 12 * MiB, seed: 16, options }, 2);
    const stored = await page.evaluate(async () => {
      const { crc32cOfBlob, crcToBase64 } = await import('/checksums.js');
      const original = window.makeFile('edited-listed.bin', 12 * 1024 * 1024, 16);
      const part = (n) => original.slice((n - 1) * 5 * 1024 * 1024, n * 5 * 1024 * 1024);
      return { 1: crcToBase64(await crc32cOfBlob(part(1))), 2: crcToBase64(await crc32cOfBlob(part(2))) };
    });
    await page.route(
      (url) => url.origin === local.api && /^\/s3\/multipart\/[^/]+$/.test(url.pathname),
      async (route, request) => {
        if (request.method() !== 'GET') return route.continue();
        const response = await route.fetch();
        const parts = await response.json();
        return route.fulfill({ response, json: parts.map((p) => ({ ...p, ChecksumCRC32C: stored[p.PartNumber] })) });
      },
    );
    const api = recordApiCalls(page);
    const sent = [];
    page.on('request', (request) => {
      if (partNumberOf(request) > 0) sent.push(partNumberOf(request));
    });

    // One byte of part 1 differs; part 2 is as stored.
    const { result, sha256 } = await uploadEditedInPage(page, { name: 'edited-listed.bin', size: 12 * MiB, seed: 16, options });

    assert.equal(await sha256InS3(local.api, result.key), sha256, 'S3 holds the edited file');
    assert.deepEqual(api, ['list-parts 200', 'complete 200'], 'the saved upload is resumed, not started over');
    assert.deepEqual(sent.sort(), [1, 3], 'part 1 (changed) and part 3 (never stored) are sent; part 2 is kept');
    await page.close();
  });

  test('upload_fileChangedOnDiskAfterItWasChosen_failsWithFileNotReadable', async () => {
    const page = await openPage();
    const dir = mkdtempSync(join(tmpdir(), 'uploadgate-changed-'));
    try {
      const path = join(dir, 'draft.bin');
      writeFileSync(path, randomBytes(12 * MiB));
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'pick';
        document.body.append(input);
      });
      await page.setInputFiles('#pick', path);
      // Edited after it was chosen: a browser will not hand out bytes other than those it was given.
      writeFileSync(path, randomBytes(12 * MiB));
      utimesSync(path, new Date(), new Date(Date.now() + 5000));
      const methods = [];
      page.on('request', (request) => methods.push(request.method()));
      const error = await page.evaluate(async () => {
        try {
          await window.uploadgate.upload(document.getElementById('pick').files[0], { endpoint: location.origin, partSize: 5 * 1024 * 1024 });
          return null;
        } catch (e) {
          return { code: e.code, message: e.message, storage: Object.keys(localStorage) };
        }
      });
      assert.equal(error?.code, 'FileNotReadable');
      assert.match(error.message, /^part 1 of draft\.bin could not be read \(NotReadableError: .*\): the file was changed, moved or deleted/);
      assert.ok(methods.includes('DELETE'), 'the multipart upload was aborted');
      assert.ok(!methods.includes('PUT'), 'no byte went to S3');
      assert.deepEqual(error.storage, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
  });

  test('upload_completeAnswersAnotherChecksum_failsWithChecksumMismatch', async () => {
    const page = await openPage();
    // An API or S3 that reports a checksum other than the file's: the module must not call that a success.
    await page.route(
      (url) => url.origin === local.api && url.pathname.endsWith('/complete'),
      async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.checksum = { ...body.checksum, value: 'AAAAAA==' };
        return route.fulfill({ response, json: body });
      },
    );
    const methods = [];
    page.on('request', (request) => methods.push(request.method()));
    const error = await page.evaluate(async () => {
      const file = window.makeFile('misreported.bin', 6 * 1024 * 1024, 14);
      try {
        await window.uploadgate.upload(file, { endpoint: location.origin, partSize: 5 * 1024 * 1024 });
        return null;
      } catch (e) {
        return { code: e.code, message: e.message };
      }
    });
    assert.equal(error?.code, 'ChecksumMismatch');
    assert.match(error.message, /^S3 reports the checksum CRC32C FULL_OBJECT AAAAAA== for .*misreported\.bin, but this file's CRC32C is [A-Za-z0-9+/]{6}==$/);
    assert.ok(!methods.includes('DELETE'), 'a completed upload is not aborted');
    await page.close();
  });

  test('upload_singlePutCorruptedOnce_isSentAgainWithItsBoundChecksum', async () => {
    const page = await openPage();
    const sent = [];
    await interceptS3(page, async (route, request) => {
      if (request.method() !== 'PUT') return route.continue();
      sent.push({ url: request.url(), crc: request.headers()['x-amz-checksum-crc32c'] });
      if (sent.length > 1) return route.continue();
      return route.continue({ postData: corrupted(request) });
    });
    const { result, sha256 } = await uploadInPage(page, { name: 'small-checked.txt', size: 150_000, seed: 7 });
    const stored = await objectInS3(result.key);
    const crc = crcToBase64(crc32c(stored.bytes));
    assert.equal(createHash('sha256').update(stored.bytes).digest('hex'), sha256);
    assert.equal(sent.length, 2, 'the refused PUT was sent again');
    assert.equal(sent[0].url, sent[1].url, 'to the same URL, whose signature binds the same checksum');
    assert.deepEqual(sent.map((s) => s.crc), [crc, crc]);
    assert.deepEqual(result.checksum, { algorithm: 'CRC32C', type: 'FULL_OBJECT', value: crc });
    assert.equal(stored.info.checksum?.value, crc, 'S3 stored the same CRC32C');
    await page.close();
  });
});

describe('headers option', () => {
  test('upload_withHeaders_sendsThemOnEveryApiCallAndNotToS3', async () => {
    const page = await openPage();
    const seen = [];
    page.on('request', (request) => {
      if (request.method() !== 'OPTIONS') seen.push({ url: request.url(), auth: request.headers().authorization });
    });
    await page.evaluate(async () => {
      const headers = { Authorization: 'Bearer test-token' };
      const endpoint = location.origin;
      const big = window.makeFile('with-token.bin', 6 * 1024 * 1024, 4);
      const { key } = await window.uploadgate.upload(big, { endpoint, headers, partSize: 5 * 1024 * 1024 });
      await window.uploadgate.upload(window.makeFile('with-token.txt', 10, 4), { endpoint, headers });
      await window.uploadgate.download(key, { endpoint, headers });
    });
    const api = seen.filter((r) => r.url.startsWith(`${local.api}/s3/`));
    const s3 = seen.filter((r) => r.url.startsWith(local.s3));
    assert.ok(api.length >= 5, `API calls: ${api.length}`);
    assert.ok(api.every((r) => r.auth === 'Bearer test-token'), 'every API call carries the header');
    assert.ok(s3.length >= 3 && s3.every((r) => r.auth === undefined), 'no S3 request carries it');
    await page.close();
  });
});

describe('download()', () => {
  test('download_uploadedKey_returnsAPresignedUrlForTheBytes', async () => {
    const page = await openPage();
    const { sha256, fetched } = await page.evaluate(async () => {
      const file = window.makeFile('to-download.txt', 4321, 2);
      const { key } = await window.uploadgate.upload(file, { endpoint: location.origin });
      const url = await window.uploadgate.download(key, { endpoint: location.origin });
      return { sha256: await window.sha256(file), fetched: await window.sha256(await (await fetch(url)).blob()) };
    });
    assert.equal(fetched, sha256);
    await page.close();
  });
});

async function waitFor(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
