// uploadgate browser client: direct uploads to S3 through presigned URLs handed out by the
// uploadgate API (the routes of Uppy's @uppy/aws-s3 Companion mode).
//
// A plain ES module with no dependencies and no build step:
//
//   import { upload, download } from './uploadgate.js';
//   const { key } = await upload(file, { endpoint: 'https://api.example.com' });
//   location.href = await download(key, { endpoint: 'https://api.example.com' });
//
// Why not only Uppy? Uppy 6 sends one file's parts one after another and gives up when a part's
// signature has expired; this module sends parts in parallel, signs them in batches ahead of
// need, signs again after an expiry, and resumes after a page reload.
//
// Every part carries its CRC32C (checksums.js), bound into its presigned URL: S3 refuses a part
// whose bytes do not match it, so a corrupted transfer is sent again or fails, never stored.

import { ALGORITHM, PART_FIELD, TYPE, crc32cOfBlob, crc32cOfParts, crcToBase64 } from './checksums.js';

const MiB = 1024 * 1024;
const MIN_PART_SIZE = 5 * MiB; // S3: every part but the last is at least 5 MiB
const MAX_PARTS = 10000; // S3: part numbers 1..10000
const MAX_BATCH = 100; // the API presigns at most 100 parts per call
const DEFAULT_PART_SIZE = 8 * MiB;
const STORAGE_PREFIX = 'uploadgate:';
const RE_SIGN_LIMIT = 3; // fresh signatures per part before a 403 is taken as final
const BAD_DIGEST_LIMIT = 3; // sends of a part S3 found corrupt (400 BadDigest) before giving up
const CHECKSUM_HEADER = `x-amz-checksum-${ALGORITHM.toLowerCase()}`;

/**
 * Abort reason that pauses instead of cancelling: `controller.abort(PAUSE)` stops the transfer but
 * keeps the multipart upload on the server and its resume entry, so calling {@link upload} again
 * with the same file carries on where it stopped. (A file small enough for a single PUT has no
 * parts to keep: it starts over.)
 */
export const PAUSE = 'uploadgate:pause';

/**
 * The error every failed {@link upload} or {@link download} rejects with.
 * `code` is the API's error code (`NoSuchUpload`, `AccessDenied`, ...) or one of this module's:
 * `Aborted`, `Paused`, `NetworkError`, `ETagNotExposed`, `ChecksumMismatch`, `FileNotReadable`, `PartRejected`,
 * `PutRejected`, `BadResponse`. A multipart upload that fails for any other reason than `ETagNotExposed`,
 * `ChecksumMismatch` or `FileNotReadable` stays on the server: calling {@link upload} again with the same file resumes it.
 * `name` is `AbortError` when the upload was cancelled or paused through the signal.
 */
export class UploadError extends Error {
  /**
   * @param {string} message
   * @param {{code: string, status?: number, cause?: unknown}} details
   */
  constructor(message, { code, status = 0, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = code === 'Aborted' || code === 'Paused' ? 'AbortError' : 'UploadError';
    this.code = code;
    this.status = status;
  }
}

/**
 * @typedef {object} UploadOptions
 * @property {string} endpoint Base URL of the uploadgate API, e.g. `https://api.example.com` or `location.origin`.
 * @property {number} [partSize] Bytes per part (at least 5 MiB; raised when the file would need more than 10,000 parts).
 *   Default: 8 MiB. Sent to the API when the upload starts; the part size the API answers is the one used.
 * @property {number} [concurrency=4] Parts in flight at once.
 * @property {number} [multipartThreshold] Files up to this size go in one presigned PUT. Default: the part size.
 * @property {Record<string,string> | (() => Record<string,string> | Promise<Record<string,string>>)} [headers]
 *   Headers for every API call (not for the S3 requests), e.g. `{Authorization: 'Bearer <JWT>'}`;
 *   a function is called before each call, so it can hand out a refreshed token.
 * @property {(progress: {loaded: number, total: number}) => void} [onProgress] Bytes acknowledged or in flight.
 * @property {AbortSignal} [signal] Aborting cancels: in-flight requests stop and the multipart upload
 *   is aborted on the server. Abort with the reason {@link PAUSE} to pause instead.
 * @property {boolean} [resume=true] Keep the upload's identity in localStorage and resume it after a reload.
 * @property {number} [retries=5] Attempts after the first for a request failing with a network error, 5xx or 429.
 * @property {number} [retryDelay=300] Base of the exponential backoff, in milliseconds (full jitter, capped at 20 s).
 * @property {Record<string,string|null>} [metadata] Sent to the API when the upload starts.
 * @property {boolean} [checksum=true] Send the CRC32C of every part (and of a single PUT's file) for S3 to
 *   verify: a part whose bytes S3 receives altered is refused, sent again, and after three refusals the upload
 *   fails with `code: 'ChecksumMismatch'` and is aborted. `false` only for an API older than these checksums.
 */

/**
 * @typedef {object} UploadResult
 * @property {string} key The object key the server chose.
 * @property {string} location The object's URL as the server reports it.
 * @property {string | null} etag The object's ETag (quotes removed), when S3 exposed it.
 * @property {number} size Bytes uploaded.
 * @property {{algorithm: string, type: string, value: string} | null} checksum The object's checksum S3 verified
 *   (CRC32C, FULL_OBJECT, base64), or null when the upload was made without one.
 */

/**
 * Uploads a file straight to S3: one presigned PUT up to `multipartThreshold`, else a multipart
 * upload with `concurrency` parts in parallel, each retried with backoff and signed again when its
 * URL has expired.
 *
 * @example
 * const controller = new AbortController();
 * const result = await upload(input.files[0], {
 *   endpoint: 'https://api.example.com',
 *   headers: { Authorization: `Bearer ${token}` },
 *   onProgress: ({ loaded, total }) => { bar.value = loaded / total; },
 *   signal: controller.signal,
 * });
 * console.log(result.key);
 *
 * @param {Blob | File} file
 * @param {UploadOptions} options
 * @returns {Promise<UploadResult>}
 */
export async function upload(file, options) {
  const opts = normalizeOptions(file, options);
  throwIfAborted(opts.signal);
  const threshold = options.multipartThreshold ?? opts.partSize ?? DEFAULT_PART_SIZE;
  try {
    return file.size <= threshold ? await singleUpload(file, opts) : await new MultipartUpload(file, opts).run();
  } catch (error) {
    // fetch rejects with its own AbortError (e.g. during create): callers get one error type.
    if (opts.signal?.aborted && !(error instanceof UploadError)) throw abortError(opts.signal);
    throw error;
  }
}

/**
 * Asks the API for a presigned GET URL of an object the caller owns.
 *
 * @example
 * link.href = await download(result.key, { endpoint: location.origin });
 *
 * @param {string} key Object key, as returned by {@link upload}.
 * @param {{endpoint: string, headers?: UploadOptions['headers'], signal?: AbortSignal}} options
 * @returns {Promise<string>} The URL, valid for the lifetime the API is configured with.
 */
export async function download(key, options) {
  const api = new Api(requireEndpoint(options), options.headers, options.signal, 2, 300);
  const body = await api.call('GET', `/s3/download?${query({ key })}`);
  return requireString(body, 'url');
}

/**
 * Uploads of this browser that were interrupted (reload, closed tab, pause) and can be resumed by
 * calling {@link upload} with the same file (same name, size and modification time).
 *
 * @example
 * for (const u of listResumable({ endpoint: location.origin })) console.log(`${u.name} can resume`);
 *
 * @param {{endpoint: string}} options
 * @returns {Array<{name: string, size: number, lastModified: number, key: string, uploadId: string, savedAt: number}>}
 */
export function listResumable(options) {
  const endpoint = requireEndpoint(options);
  const found = [];
  try {
    const storage = globalThis.localStorage;
    for (let i = 0; storage && i < storage.length; i++) {
      const name = storage.key(i);
      if (!name || !name.startsWith(STORAGE_PREFIX)) continue;
      const entry = readEntry(name);
      if (entry && entry.endpoint === endpoint) {
        const { name: fileName, size, lastModified, key, uploadId, savedAt } = entry;
        found.push({ name: fileName, size, lastModified, key, uploadId, savedAt });
      }
    }
  } catch {
    // No storage: nothing to resume.
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

function normalizeOptions(file, options) {
  if (!(file instanceof Blob)) {
    throw new TypeError('upload: file must be a File or Blob');
  }
  const endpoint = requireEndpoint(options);
  const retries = options.retries ?? 5;
  const retryDelay = options.retryDelay ?? 300;
  return {
    endpoint,
    partSize: options.partSize,
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 4)),
    onProgress: options.onProgress ?? (() => {}),
    signal: options.signal,
    resume: options.resume ?? true,
    retries,
    retryDelay,
    metadata: options.metadata,
    checksum: options.checksum ?? true,
    name: file.name ?? 'blob',
    type: file.type || 'application/octet-stream',
    api: new Api(endpoint, options.headers, options.signal, retries, retryDelay),
  };
}

function requireEndpoint(options) {
  if (!options || typeof options.endpoint !== 'string' || options.endpoint === '') {
    throw new TypeError('uploadgate: options.endpoint (the API base URL) is required');
  }
  return options.endpoint.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Single presigned PUT

async function singleUpload(file, opts) {
  const report = (loaded) => opts.onProgress({ loaded, total: file.size });
  report(0);
  const crc = opts.checksum ? await checksumOfFile(file, opts.name) : null;
  const checksum = crc === null ? {} : { checksumAlgorithm: ALGORITHM, checksum: crcToBase64(crc) };
  const sign = async () => {
    const params = await opts.api.call(
      'GET',
      `/s3/params?${query({ filename: opts.name, type: opts.type, method: 'PUT', size: file.size, ...checksum })}`,
    );
    const signed = { key: requireString(params, 'key'), url: requireString(params, 'url') };
    signed.headers = params.headers ?? { 'content-type': opts.type };
    if (crc !== null) requireBoundChecksum(signed.headers, checksum.checksum, 'the single PUT');
    return signed;
  };
  let { key, url, headers } = await sign();
  for (let signatures = 1, badDigests = 0; ; ) {
    const response = await withRetries(opts, () => putBlob(url, file, headers, report, opts.signal));
    if (response.status >= 200 && response.status < 300) {
      report(file.size);
      return {
        key,
        location: url.split('?')[0],
        etag: unquote(response.etag),
        size: file.size,
        checksum: crc === null ? null : { algorithm: ALGORITHM, type: TYPE, value: checksum.checksum },
      };
    }
    if (isBadDigest(response)) {
      // S3 stored nothing: the same URL (it binds the same checksum) once more, then give up.
      if (++badDigests >= BAD_DIGEST_LIMIT) throw await checksumError(response, file, crc, opts.name, badDigests);
      continue;
    }
    // 403 is what S3 answers for an expired URL (e.g. after long retries): ask for a fresh one.
    if (response.status !== 403 || signatures >= RE_SIGN_LIMIT) {
      throw s3Error(response, `the upload of ${key}`, 'PutRejected');
    }
    signatures++;
    ({ key, url, headers } = await sign());
  }
}

// ---------------------------------------------------------------------------------------------
// Multipart

class MultipartUpload {
  constructor(file, opts) {
    this.file = file;
    this.opts = opts;
    this.api = opts.api;
    this.storageKey = `${STORAGE_PREFIX}${opts.endpoint}|${opts.name}|${file.size}|${file.lastModified ?? 0}`;
    this.urls = new Map(); // part number -> {url, expiresAt}
    this.pendingSignatures = new Map(); // part number -> promise of the batch that signs it
    this.inFlight = new Map(); // part number -> bytes sent so far
    this.etags = new Map(); // part number -> ETag of the finished part
    this.crcs = new Map(); // part number -> promise of the CRC32C of its slice
    this.doneBytes = 0;
    this.completed = false; // S3 assembled the object: nothing is aborted after this
    this.partsDoNotMatch = false; // complete was refused: parts from an earlier page hold other bytes
    this.xhrs = new Set();
  }

  async run() {
    const saved = this.opts.resume ? readEntry(this.storageKey) : null;
    if (saved) {
      try {
        return await this.transfer(saved, true);
      } catch (error) {
        // The saved upload is gone (completed, aborted or expired by the lifecycle rule), or its
        // parts hold other bytes than this file (it changed since, same name, size and date): start over.
        const gone = error instanceof UploadError && (error.code === 'NoSuchUpload' || error.code === 'AccessDenied');
        if (!gone && !this.partsDoNotMatch) throw error;
        forgetEntry(this.storageKey);
        this.reset();
      }
    }
    const partSize = choosePartSize(this.file.size, this.opts.partSize);
    const created = await this.api.call('POST', '/s3/multipart', {
      filename: this.opts.name,
      type: this.opts.type,
      size: this.file.size,
      partSize,
      ...(this.opts.checksum ? { checksumAlgorithm: ALGORITHM, checksumType: TYPE } : {}),
      ...(this.opts.metadata ? { metadata: this.opts.metadata } : {}),
    });
    const upload = {
      key: requireString(created, 'key'),
      uploadId: requireString(created, 'uploadId'),
      // The API binds every part's exact length to this size: a part of any other length is refused.
      partSize: Number.isSafeInteger(created.partSize) && created.partSize > 0 ? created.partSize : partSize,
      checksumAlgorithm: this.opts.checksum ? ALGORITHM : null,
    };
    if (this.opts.checksum && (created.checksumAlgorithm !== ALGORITHM || (created.checksumType ?? TYPE) !== TYPE)) {
      // Parts sent without a bound checksum would be stored unchecked: refuse rather than degrade.
      this.upload = upload;
      await this.abortOnServer();
      throw badResponse(
        `the API did not bind the ${TYPE} ${ALGORITHM} checksum asked for (it answered checksumAlgorithm ` +
          `${created.checksumAlgorithm ?? 'none'}, checksumType ${created.checksumType ?? 'none'}): an API without part ` +
          'checksums needs the option checksum: false',
      );
    }
    if (this.opts.resume) writeEntry(this.storageKey, upload, this.file, this.opts);
    return this.transfer(upload, false);
  }

  reset() {
    this.urls.clear();
    this.pendingSignatures.clear();
    this.inFlight.clear();
    this.etags.clear();
    this.crcs.clear();
    this.doneBytes = 0;
    this.partsDoNotMatch = false;
  }

  async transfer(upload, resumed) {
    this.upload = upload;
    const { signal } = this.opts;
    const onAbort = () => this.xhrs.forEach((xhr) => xhr.abort());
    signal?.addEventListener('abort', onAbort);
    try {
      throwIfAborted(signal);
      if (resumed) await this.loadFinishedParts();
      this.partCount = Math.max(1, Math.ceil(this.file.size / upload.partSize));
      this.queue = [];
      for (let n = 1; n <= this.partCount; n++) if (!this.etags.has(n)) this.queue.push(n);
      this.reportProgress();
      const workers = Array.from({ length: Math.min(this.opts.concurrency, this.queue.length) }, () => this.worker());
      await settleAll(workers);
      throwIfAborted(signal);
      const { parts, checksum } = await this.completeRequest();
      const done = await this.complete(parts, checksum);
      this.completed = true;
      forgetEntry(this.storageKey);
      return {
        key: done.key ?? upload.key,
        location: done.location ?? '',
        etag: unquote(done.etag ?? null),
        size: done.size ?? this.file.size,
        checksum: checksum ? verifiedChecksum(done, checksum) : null,
      };
    } catch (error) {
      if (isAbort(error, signal)) {
        throw await this.stop(signal.reason);
      }
      const hopeless = error instanceof UploadError && ['ETagNotExposed', 'ChecksumMismatch', 'FileNotReadable'].includes(error.code);
      if (hopeless && !this.completed) {
        // Nothing a retry or resume can fix: free the parts already stored.
        await this.abortOnServer();
        forgetEntry(this.storageKey);
      }
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops after an abort: pause keeps everything, cancel aborts the upload on the server. */
  async stop(reason) {
    if (reason === PAUSE) {
      return new UploadError('Upload paused', { code: 'Paused' });
    }
    await this.abortOnServer();
    forgetEntry(this.storageKey);
    return new UploadError('Upload cancelled', { code: 'Aborted', cause: reason });
  }

  async abortOnServer() {
    // Not tied to the aborted signal: this request must still go out.
    const api = this.api.withoutSignal();
    try {
      await api.call('DELETE', `${this.path()}?${query({ key: this.upload.key })}`);
    } catch (error) {
      if (!(error instanceof UploadError && error.code === 'NoSuchUpload')) {
        console.warn('uploadgate: could not abort the multipart upload', this.upload.uploadId, error);
      }
    }
  }

  async loadFinishedParts() {
    const parts = await this.api.call('GET', `${this.path()}?${query({ key: this.upload.key })}`);
    if (!Array.isArray(parts)) throw badResponse('list-parts did not answer an array');
    for (const part of parts) {
      const n = part.PartNumber;
      // A part only counts when it has exactly the size this file's slice has and, when S3 lists
      // its checksum (S3 does for uploads with an algorithm), exactly this slice's checksum: a
      // file edited since the first page then sends only the parts that changed.
      if (!Number.isInteger(n) || !part.ETag || part.Size !== this.sliceOf(n).size) continue;
      const listed = part[PART_FIELD];
      if (this.upload.checksumAlgorithm && typeof listed === 'string' && listed !== crcToBase64(await this.checksumOf(n))) continue;
      this.etags.set(n, part.ETag);
      this.doneBytes += part.Size;
    }
  }

  async worker() {
    const { signal } = this.opts;
    while (this.queue.length > 0) {
      throwIfAborted(signal);
      const n = this.queue.shift();
      try {
        await this.sendPart(n);
      } catch (error) {
        this.queue.length = 0; // the other workers finish their part and stop
        throw error;
      }
    }
  }

  async sendPart(n) {
    const blob = this.sliceOf(n);
    const onBytes = (loaded) => {
      this.inFlight.set(n, loaded);
      this.reportProgress();
    };
    for (let signatures = 1, badDigests = 0; ; ) {
      const response = await withRetries(this.opts, async () => {
        const { url, headers } = await this.urlFor(n);
        return putBlob(url, blob, headers, onBytes, this.opts.signal);
      });
      if (response.status >= 200 && response.status < 300) {
        if (!response.etag) {
          throw new UploadError(
            'S3 accepted a part but the browser cannot read its ETag: the bucket\'s CORS configuration ' +
              'must expose the ETag header (ExposeHeaders: ["ETag"]).',
            { code: 'ETagNotExposed', status: response.status },
          );
        }
        this.inFlight.delete(n);
        this.etags.set(n, response.etag);
        this.doneBytes += blob.size;
        this.reportProgress();
        return;
      }
      this.inFlight.delete(n);
      this.reportProgress();
      if (isBadDigest(response)) {
        // S3 stored nothing: the same URL (it binds the same checksum) once more, then give up.
        if (++badDigests >= BAD_DIGEST_LIMIT) {
          throw await checksumError(response, blob, await this.crcs.get(n), `part ${n} of ${this.opts.name}`, badDigests);
        }
        continue;
      }
      this.urls.delete(n);
      if (response.status === 404) {
        throw s3Error(response, `uploading part ${n}`, 'NoSuchUpload');
      }
      // S3 answers 403 "Request has expired" for an expired URL: sign this part again.
      if (response.status !== 403 || signatures >= RE_SIGN_LIMIT) {
        throw s3Error(response, `uploading part ${n}`, 'PartRejected');
      }
      signatures++;
    }
  }

  /** Asks the API to assemble the parts; S3 refuses when the parts it holds do not match these checksums. */
  async complete(parts, checksum) {
    try {
      return await this.api.call('POST', `${this.path()}/complete?${query({ key: this.upload.key })}`, {
        parts,
        ...(checksum ? { checksum } : {}),
      });
    } catch (error) {
      if (!(error instanceof UploadError && error.code === 'BadDigest')) throw error;
      // Every part S3 took in this page matched its checksum, so the mismatch is in parts stored
      // by an earlier page for a file that has changed since.
      this.partsDoNotMatch = true;
      throw new UploadError(
        `S3 refused to assemble ${this.opts.name}: the parts it holds do not match this file's ${ALGORITHM} ` +
          `checksums (the file changed since the upload started). Nothing corrupt was stored; the upload was given up.`,
        { code: 'ChecksumMismatch', status: error.status, cause: error },
      );
    }
  }

  /** CRC32C of part n's slice, computed once per upload. */
  checksumOf(n) {
    if (!this.crcs.has(n)) this.crcs.set(n, checksumOfFile(this.sliceOf(n), `part ${n} of ${this.opts.name}`));
    return this.crcs.get(n);
  }

  /** Complete's parts list, with each part's checksum and the whole file's when the upload has them. */
  async completeRequest() {
    const numbers = [...this.etags.keys()].sort((a, b) => a - b);
    if (!this.upload.checksumAlgorithm) {
      return { parts: numbers.map((n) => ({ PartNumber: n, ETag: this.etags.get(n) })), checksum: null };
    }
    // Resumed parts were checksummed in an earlier page: S3 compares these with what it stored.
    const crcs = [];
    for (const n of numbers) crcs.push(await this.checksumOf(n));
    const parts = numbers.map((n, i) => ({ PartNumber: n, ETag: this.etags.get(n), [PART_FIELD]: crcToBase64(crcs[i]) }));
    const whole = crc32cOfParts(numbers.map((n, i) => ({ crc: crcs[i], size: this.sliceOf(n).size })));
    return { parts, checksum: crcToBase64(whole) };
  }

  /** A valid URL for part n and the headers to send with it, signing a batch of the next parts when none is cached. */
  async urlFor(n) {
    const cached = this.urls.get(n);
    if (cached && cached.expiresAt > Date.now()) return cached;
    this.urls.delete(n);
    if (!this.pendingSignatures.has(n)) {
      // This part and the next ones the workers will need, so most parts find their URL ready.
      // With checksums each part in a batch is read and checksummed before it is signed, so a
      // batch stays at one part per worker: the first PUT does not wait for many parts' reads.
      const ahead = this.upload.checksumAlgorithm ? this.opts.concurrency : Math.max(this.opts.concurrency * 4, 10);
      const batch = [n, ...this.queue.filter((m) => !this.urls.has(m) && !this.pendingSignatures.has(m))]
        .slice(0, Math.min(MAX_BATCH, ahead));
      const promise = this.signBatch(batch);
      batch.forEach((m) => this.pendingSignatures.set(m, promise));
      promise.catch(() => {}).finally(() => batch.forEach((m) => this.pendingSignatures.delete(m)));
    }
    await this.pendingSignatures.get(n);
    const signed = this.urls.get(n);
    if (!signed) throw badResponse(`the batch presign answer has no URL for part ${n}`);
    return signed;
  }

  async signBatch(partNumbers) {
    const checksums = [];
    if (this.upload.checksumAlgorithm) {
      for (const n of partNumbers) checksums.push(crcToBase64(await this.checksumOf(n)));
    }
    const started = Date.now();
    const params = { key: this.upload.key, partNumbers: partNumbers.join(',') };
    if (checksums.length > 0) params.checksums = checksums.join(',');
    const body = await this.api.call('GET', `${this.path()}/batch?${query(params)}`);
    const urls = body && body.presignedUrls;
    if (!urls || typeof urls !== 'object') throw badResponse('batch presign answered without presignedUrls');
    // Renew a little before the end so a URL does not expire on its way to S3.
    const lifetime = (Number(body.expires) || 900) * 1000;
    const expiresAt = started + lifetime - Math.min(60_000, lifetime / 10);
    for (const [key, url] of Object.entries(urls)) {
      const n = Number(key);
      // Every header the API signed must go with the PUT (content-length, the checksum, ...).
      const headers = (body.headers && body.headers[key]) || {};
      const index = partNumbers.indexOf(n);
      if (checksums.length > 0 && index >= 0) requireBoundChecksum(headers, checksums[index], `part ${n}`);
      this.urls.set(n, { url, headers, expiresAt });
    }
  }

  sliceOf(n) {
    const start = (n - 1) * this.upload.partSize;
    return this.file.slice(start, Math.min(start + this.upload.partSize, this.file.size));
  }

  path() {
    return `/s3/multipart/${encodeURIComponent(this.upload.uploadId)}`;
  }

  reportProgress() {
    let loaded = this.doneBytes;
    for (const bytes of this.inFlight.values()) loaded += bytes;
    this.opts.onProgress({ loaded: Math.min(loaded, this.file.size), total: this.file.size });
  }
}

/** Part size: the wish, at least 5 MiB, and large enough to stay within 10,000 parts. */
function choosePartSize(fileSize, wished) {
  const wish = Number.isFinite(wished) && wished > 0 ? Math.floor(wished) : DEFAULT_PART_SIZE;
  return Math.max(wish, MIN_PART_SIZE, Math.ceil(fileSize / MAX_PARTS));
}

/** Waits for every worker; the first failure stops the others (through the shared queue). */
async function settleAll(workers) {
  const results = await Promise.allSettled(workers);
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** JSON calls to the API with the caller's headers, retried like part uploads. */
class Api {
  constructor(endpoint, headers, signal, retries, retryDelay) {
    this.endpoint = endpoint;
    this.headers = headers;
    this.signal = signal;
    this.retries = retries;
    this.retryDelay = retryDelay;
  }

  withoutSignal() {
    return new Api(this.endpoint, this.headers, undefined, this.retries, this.retryDelay);
  }

  async call(method, path, body) {
    const extra = typeof this.headers === 'function' ? await this.headers() : this.headers;
    const init = { method, headers: { ...(extra ?? {}) }, signal: this.signal };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await withRetries(this, async () => {
      let res;
      try {
        res = await fetch(this.endpoint + path, init);
      } catch (error) {
        if (isAbort(error, this.signal)) throw error;
        return { status: 0, cause: error };
      }
      return { status: res.status, res };
    });
    if (response.status === 0) {
      throw new UploadError(`${method} ${path.split('?')[0]}: the API could not be reached`, {
        code: 'NetworkError',
        cause: response.cause,
      });
    }
    const text = await response.res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: reported below when the status says it was an error, rejected when it was not.
    }
    if (!response.res.ok) {
      const code = (json && json.code) || `Http${response.status}`;
      const message = (json && json.message) || text.slice(0, 200) || response.res.statusText;
      throw new UploadError(`${method} ${path.split('?')[0]}: ${response.status} ${code}: ${message}`, {
        code,
        status: response.status,
      });
    }
    if (json === null && method !== 'DELETE') throw badResponse(`${method} ${path.split('?')[0]} answered no JSON`);
    return json ?? {};
  }
}

/**
 * PUTs a blob with XMLHttpRequest (fetch has no upload progress). Resolves with the status, the
 * ETag (null when S3 does not expose it over CORS) and the body; status 0 means a network error.
 */
function putBlob(url, blob, headers, onBytes, signal) {
  return new Promise((resolve, reject) => {
    throwIfAborted(signal);
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets Content-Length itself and refuses to let scripts set it.
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onBytes(event.loaded);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort);
    const done = (result) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(abortError(signal));
      else resolve(result);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) onBytes(0);
      done({ status: xhr.status, etag: xhr.getResponseHeader('ETag'), body: xhr.responseText });
    };
    xhr.onerror = () => {
      onBytes(0);
      done({ status: 0, etag: null, body: '' });
    };
    xhr.onabort = () => {
      onBytes(0);
      done({ status: 0, etag: null, body: '' });
    };
    xhr.send(blob);
  });
}

/** Retries `attempt` on a network error, 5xx, 408 or 429, with exponential backoff and full jitter. */
async function withRetries({ retries, retryDelay, signal }, attempt) {
  for (let tries = 0; ; tries++) {
    throwIfAborted(signal);
    const result = await attempt();
    if (!isRetryable(result.status) || tries >= retries) return result;
    const ceiling = Math.min(20_000, retryDelay * 2 ** tries);
    await sleep(ceiling / 2 + Math.random() * (ceiling / 2), signal);
  }
}

function isRetryable(status) {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The CRC32C of a file or a slice of it, or an UploadError when the browser can no longer read it. */
async function checksumOfFile(blob, what) {
  try {
    return await crc32cOfBlob(blob);
  } catch (error) {
    // Chromium refuses to read a picked file that changed or vanished on disk (NotReadableError).
    throw new UploadError(`${what} could not be read (${error?.name ?? 'Error'}: ${error?.message ?? error}): ` +
      'the file was changed, moved or deleted since it was chosen; choose it again', { code: 'FileNotReadable', cause: error });
  }
}

/** S3's answer to a body that does not match the checksum its URL binds. */
function isBadDigest(response) {
  return response.status === 400 && /<Code>(BadDigest|XAmzContentChecksumMismatch)<\/Code>/.test(response.body || '');
}

/** The error after the last refused send: says whether the file changed or the bytes were altered on the way. */
async function checksumError(response, blob, boundCrc, what, sends) {
  // Read again: other bytes, or none at all (Chromium refuses a picked file changed on disk), mean the file changed.
  const nowCrc = await crc32cOfBlob(blob).catch(() => null);
  const code = /<Code>([^<]*)<\/Code>/.exec(response.body || '')?.[1] ?? 'BadDigest';
  const cause =
    nowCrc !== boundCrc
      ? `${what} changed while it was being uploaded (its ${ALGORITHM} was ${crcToBase64(boundCrc)} when the ` +
        `upload started; ${nowCrc === null ? 'it can no longer be read' : `it is ${crcToBase64(nowCrc)} now`})`
      : `S3 refused ${what} ${sends} ${sends === 1 ? 'time' : 'times'} (${response.status} ${code}): the bytes it ` +
        `received did not match their ${ALGORITHM} checksum, so something between this browser and S3 alters the data`;
  return new UploadError(`${cause}. Nothing corrupt was stored; the upload was given up.`, {
    code: 'ChecksumMismatch',
    status: response.status,
  });
}

/** Checks that a presign answer binds `expected` as the checksum header, so S3 will verify the bytes. */
function requireBoundChecksum(headers, expected, what) {
  const bound = Object.entries(headers).find(([name]) => name.toLowerCase() === CHECKSUM_HEADER)?.[1];
  if (bound !== expected) {
    throw badResponse(`the API did not bind the ${ALGORITHM} checksum of ${what} (${CHECKSUM_HEADER}: ${bound ?? 'missing'})`);
  }
}

/** The object checksum complete answered, checked against the file's own when S3 reported one. */
function verifiedChecksum(done, expected) {
  const reported = done.checksum;
  if (reported === undefined || reported === null) return { algorithm: ALGORITHM, type: TYPE, value: expected };
  if (reported.algorithm !== ALGORITHM || reported.value !== expected) {
    throw new UploadError(
      `S3 reports the checksum ${reported.algorithm} ${reported.type} ${reported.value} for ${done.key}, ` +
        `but this file's ${ALGORITHM} is ${expected}`,
      { code: 'ChecksumMismatch' },
    );
  }
  return { algorithm: reported.algorithm, type: reported.type ?? TYPE, value: reported.value };
}

function s3Error(response, what, fallbackCode) {
  const code = /<Code>([^<]*)<\/Code>/.exec(response.body || '')?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(response.body || '')?.[1];
  const detail = response.status === 0 ? 'network error' : `${response.status} ${code ?? ''} ${message ?? ''}`.trim();
  return new UploadError(`S3 refused ${what}: ${detail}`, {
    code: response.status === 0 ? 'NetworkError' : response.status === 404 ? 'NoSuchUpload' : fallbackCode ?? code ?? 'PartRejected',
    status: response.status,
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function query(params) {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

function requireString(body, field) {
  const value = body && body[field];
  if (typeof value !== 'string' || value === '') throw badResponse(`the API answer has no "${field}"`);
  return value;
}

function badResponse(message) {
  return new UploadError(message, { code: 'BadResponse' });
}

function unquote(etag) {
  return typeof etag === 'string' ? etag.replace(/^"|"$/g, '') : null;
}

function abortError(signal) {
  return signal.reason === PAUSE
    ? new UploadError('Upload paused', { code: 'Paused' })
    : new UploadError('Upload cancelled', { code: 'Aborted', cause: signal.reason });
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw abortError(signal);
}

function isAbort(error, signal) {
  return Boolean(signal?.aborted) && (error?.name === 'AbortError' || error instanceof UploadError);
}

function readEntry(storageKey) {
  try {
    const entry = JSON.parse(globalThis.localStorage?.getItem(storageKey) ?? 'null');
    if (entry && typeof entry.key === 'string' && typeof entry.uploadId === 'string' && entry.partSize >= MIN_PART_SIZE) {
      // The upload's own checksum setting, whatever this call's option: S3 bound it at create.
      return { ...entry, checksumAlgorithm: entry.checksumAlgorithm === ALGORITHM ? ALGORITHM : null };
    }
  } catch {
    // No storage (private mode, quota) or a damaged entry: upload from scratch.
  }
  return null;
}

function writeEntry(storageKey, { key, uploadId, partSize, checksumAlgorithm }, file, { endpoint, name }) {
  const entry = {
    endpoint,
    name,
    size: file.size,
    lastModified: file.lastModified ?? 0,
    key,
    uploadId,
    partSize,
    checksumAlgorithm,
    savedAt: Date.now(),
  };
  try {
    globalThis.localStorage?.setItem(storageKey, JSON.stringify(entry));
  } catch {
    // Resume is a convenience; the upload itself does not depend on it.
  }
}

function forgetEntry(storageKey) {
  try {
    globalThis.localStorage?.removeItem(storageKey);
  } catch {
    // See writeEntry.
  }
}
