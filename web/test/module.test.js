// Browser tests of web/uploadgate.js: headless Chromium against a real local mode (the API's
// handlers plus S3Proxy checking every signature). Faults are injected with page.route on the
// requests to S3, the way the AWS SDK's fault tests reset connections and return 500s once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
    // Before the reload: parts 1-3 reach S3, every later part hangs.
    const held = [];
    const finished = new Set();
    page.on('requestfinished', (request) => {
      if (partNumberOf(request) > 0) finished.add(partNumberOf(request));
    });
    await interceptS3(page, (route, request) => {
      const n = partNumberOf(request);
      if (n > 3) held.push(route);
      else return route.continue();
    });
    uploadInPage(page, spec).catch(() => {}); // dies with the reload
    await waitFor(() => finished.size === 3 && held.length > 0, 'parts 1-3 uploaded');
    // Reload while the later parts still hang, so none of them reaches S3.
    await page.reload();
    await Promise.allSettled(held.map((route) => route.abort()));
    await page.unrouteAll({ behavior: 'ignoreErrors' });

    await page.evaluate(async () => {
      window.uploadgate = await import('/uploadgate.js');
    });
    await installFileFactory(page);
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
