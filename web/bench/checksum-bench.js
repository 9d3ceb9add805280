// Benchmark, not a test: how long headless Chromium takes to compute an upload's part checksums
// for a 100 MiB file in 8 MiB parts, SHA-256 through WebCrypto (bench/sha256.js) against
// CRC32C in JavaScript (checksums.js, what uploadgate.js sends). Figures and command are in BENCHMARKS.md.
//
//   cd web && npm ci && nice -n 10 node bench/checksum-bench.js [--mib 100] [--part-mib 8] [--runs 5]
//
// The page is served from a loopback server (a secure context, so WebCrypto exists); the file is
// generated in the page. Candidates run in rotation, after one warm-up round, so a slowdown of the
// shared machine hits them alike.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { WEB_DIR, launchBrowser } from '../test/helpers.js';

const { values } = parseArgs({
  options: {
    mib: { type: 'string', default: '100' },
    'part-mib': { type: 'string', default: '8' },
    runs: { type: 'string', default: '5' },
  },
});
const size = Number(values.mib) * 1024 * 1024;
const partSize = Number(values['part-mib']) * 1024 * 1024;
const runs = Number(values.runs);

// Serves web/*.js and web/bench/*.js, and an empty page at /.
const server = createServer(async (req, res) => {
  const path = normalize(new URL(req.url, 'http://x').pathname);
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>checksum bench</title>');
    return;
  }
  if (!/^\/(bench\/)?[\w-]+\.js$/.test(path)) return res.writeHead(404).end();
  try {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(WEB_DIR, path)));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(
    async ({ size, partSize, runs }) => {
      const { sha256Base64, compositeSha256 } = await import('/bench/sha256.js');
      const { crc32c, crc32cOfBlob, crc32cOfParts, crcToBase64 } = await import('/checksums.js');
      const words = new Uint32Array(Math.ceil(size / 4));
      let x = 1;
      for (let i = 0; i < words.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        words[i] = x >>> 0;
      }
      const bytes = new Uint8Array(words.buffer, 0, size);
      const file = new File([bytes], 'bench.bin');
      const parts = [];
      const views = [];
      for (let start = 0; start < size; start += partSize) {
        parts.push(file.slice(start, Math.min(size, start + partSize)));
        views.push(bytes.subarray(start, Math.min(size, start + partSize)));
      }

      // Each candidate does what an upload does: read every part's slice, checksum it, and derive
      // the value S3 reports for the whole object.
      const candidates = {
        'read only (Blob.arrayBuffer of each part)': async () => {
          let n = 0;
          for (const part of parts) n += (await part.arrayBuffer()).byteLength;
          return n;
        },
        'SHA-256 WebCrypto, COMPOSITE (bench/sha256.js)': async () => {
          const sums = [];
          for (const part of parts) sums.push(await sha256Base64(part));
          return compositeSha256(sums);
        },
        'CRC32C JS, FULL_OBJECT (checksums.js)': async () => {
          const sums = [];
          for (const part of parts) sums.push({ crc: await crc32cOfBlob(part), size: part.size });
          return crcToBase64(crc32cOfParts(sums));
        },
        // The same over bytes already in memory: the algorithms' own cost, without the read.
        'in memory: SHA-256 WebCrypto, COMPOSITE': async () => {
          const digests = [];
          for (const view of views) digests.push(new Uint8Array(await crypto.subtle.digest('SHA-256', view)));
          const joined = new Uint8Array(digests.length * 32);
          digests.forEach((d, i) => joined.set(d, i * 32));
          return new Uint8Array(await crypto.subtle.digest('SHA-256', joined)).join(',');
        },
        'in memory: CRC32C JS, FULL_OBJECT': async () =>
          crcToBase64(crc32cOfParts(views.map((view) => ({ crc: crc32c(view), size: view.length })))),
      };
      // One pass over the whole file: the combined part CRCs must equal it.
      const reference = crcToBase64(crc32c(bytes));
      const times = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]));
      const answers = {};
      for (let round = 0; round <= runs; round++) {
        for (const [name, run] of Object.entries(candidates)) {
          const started = performance.now();
          answers[name] = String(await run());
          if (round > 0) times[name].push(performance.now() - started); // round 0 warms up
        }
      }
      return { times, answers, reference, userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency };
    },
    { size, partSize, runs },
  );
  console.log(`Chromium: ${result.userAgent}; hardwareConcurrency ${result.cores}`);
  console.log(`${size / 1048576} MiB in ${partSize / 1048576} MiB parts, ${runs} runs after one warm-up`);
  console.log('| candidate | runs (ms) | median ms | median MB/s |');
  console.log('|---|---|---|---|');
  for (const [name, list] of Object.entries(result.times)) {
    const median = [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const mbps = size / 1e6 / (median / 1000);
    console.log(`| ${name} | ${list.map((t) => t.toFixed(0)).join(', ')} | ${median.toFixed(0)} | ${mbps.toFixed(0)} |`);
  }
  for (const name of ['CRC32C JS, FULL_OBJECT (checksums.js)', 'in memory: CRC32C JS, FULL_OBJECT']) {
    if (result.answers[name] !== result.reference) throw new Error(`${name}: ${result.answers[name]}, one pass: ${result.reference}`);
  }
} finally {
  await browser.close();
  server.close();
}
