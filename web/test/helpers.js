// Shared fixtures of the browser tests: a real local mode (API + embedded S3Proxy with SigV4
// enforced) in a subprocess, and headless Debian Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_DIR = resolve(WEB_DIR, '..');
// UPLOADGATE_LOCAL_JAR lets a developer pin a copy while local/ is being rebuilt.
export const LOCAL_JAR = process.env.UPLOADGATE_LOCAL_JAR || join(PROJECT_DIR, 'local', 'target', 'local.jar');
export const ARTIFACTS_DIR = join(WEB_DIR, 'target');
export const MiB = 1024 * 1024;

/**
 * Starts `java -jar local/target/local.jar --port 0` with cwd at the project root, so local mode
 * serves ./web (this checkout's files, not the copy bundled in the jar) at `/`.
 */
export async function startLocalMode() {
  const data = mkdtempSync(join(tmpdir(), 'uploadgate-web-'));
  const child = spawn('java', ['-jar', LOCAL_JAR, '--port', '0', '--data', data], {
    cwd: PROJECT_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise((resolveReady, rejectReady) => {
    const timer = setTimeout(() => rejectReady(new Error(`local mode did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const api = /^API (http\S+)/m.exec(output);
      const s3 = /^S3 (http\S+) bucket=(\S+) access-key=(\S+) secret-key=(\S+)/m.exec(output);
      if (api && s3) {
        clearTimeout(timer);
        resolveReady({ api: api[1], s3: s3[1], bucket: s3[2], accessKey: s3[3], secretKey: s3[4] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rejectReady(new Error(`local mode exited with ${code} before it was ready:\n${output}`));
    });
  });
  const info = await ready;
  return {
    ...info,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// Without these flags Chromium tries to reach Google hosts this network refuses (testing-notes.md).
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** A page whose console errors and uncaught exceptions end up in the test output. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  // Refused requests and unreadable headers are what the fault tests inject: not worth a line.
  const expected = /^(Failed to load resource|Refused to get unsafe header)/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.test(message.text())) console.error('[page console]', message.text());
  });
  return page;
}

/**
 * Installs `window.makeFile(name, size, seed)` in the page: a File of deterministic pseudo-random
 * bytes (the same name, size and seed give the same bytes and lastModified, which is what resume
 * keys on), and `window.sha256(blob)`.
 */
export async function installFileFactory(page) {
  await page.evaluate(() => {
    window.makeFile = (name, size, seed = 1) => {
      const words = new Uint32Array(Math.ceil(size / 4));
      let x = seed >>> 0 || 1;
      for (let i = 0; i < words.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        words[i] = x >>> 0;
      }
      return new File([new Uint8Array(words.buffer, 0, size)], name, {
        type: 'application/octet-stream',
        lastModified: 1_700_000_000_000 + seed,
      });
    };
    window.sha256 = async (blob) => {
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    };
  });
}

/** SHA-256 (hex) of the object behind `key`, read back through a presigned GET from /s3/download. */
export async function sha256InS3(api, key) {
  const res = await fetch(`${api}/s3/download?${new URLSearchParams({ key })}`);
  if (!res.ok) throw new Error(`/s3/download answered ${res.status}: ${await res.text()}`);
  const { url } = await res.json();
  const object = await fetch(url);
  if (!object.ok) throw new Error(`presigned GET answered ${object.status}: ${await object.text()}`);
  return createHash('sha256').update(Buffer.from(await object.arrayBuffer())).digest('hex');
}

/** Part number of a presigned part PUT to S3, or 0 for any other request. */
export function partNumberOf(request) {
  if (request.method() !== 'PUT') return 0;
  return Number(new URL(request.url()).searchParams.get('partNumber') ?? 0);
}

export function screenshotsDir() {
  const dir = join(ARTIFACTS_DIR, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
