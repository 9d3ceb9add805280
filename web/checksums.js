// Checksums S3 verifies for uploadgate.js (issue 10): CRC32C (Castagnoli), FULL_OBJECT.
// CRC32C in JavaScript because it measured several times faster in Chromium than SHA-256 through
// WebCrypto (BENCHMARKS.md, "Browser part checksums"); it needs no secure context either.
// No dependencies, no build step.

/** What uploadgate.js asks the API to bind, and S3's name of a part's checksum on complete. */
export const ALGORITHM = 'CRC32C';
export const TYPE = 'FULL_OBJECT';
export const PART_FIELD = 'ChecksumCRC32C';

const POLY = 0x82f63b78; // Castagnoli, bit-reflected

// TABLES[k * 256 + b]: the CRC of byte b followed by k zero bytes, so eight bytes take eight lookups.
const TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[b] = c;
  }
  for (let b = 0; b < 256; b++) {
    let c = t[b];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + b] = c;
    }
  }
  return t;
})();

/** CRC32C of `bytes` (a Uint8Array) continuing from `crc` (0 to start), unsigned. */
export function crc32c(bytes, crc = 0) {
  const t = TABLES;
  let c = ~crc;
  let i = 0;
  const len = bytes.length;
  // Slicing-by-8: the first four bytes folded into the running value, the next four looked up alone.
  for (const end = len - 7; i < end; i += 8) {
    const a = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) ^ c;
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < len; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const READ_CHUNK = 8 * 1024 * 1024;

/** CRC32C of a Blob's bytes (a part, or a file sent in one PUT), read 8 MiB at a time so a big one never sits in memory whole. */
export async function crc32cOfBlob(blob) {
  let crc = 0;
  for (let start = 0; start < blob.size; start += READ_CHUNK) {
    crc = crc32c(new Uint8Array(await blob.slice(start, start + READ_CHUNK).arrayBuffer()), crc);
  }
  return crc;
}

// x^(2^k) mod POLY for k = 0..31, reflected: the powers crc32cCombine multiplies with.
const X2N = (() => {
  const table = new Array(32);
  let p = 1 << 30; // x^1
  for (let k = 0; k < 32; k++) {
    table[k] = p;
    p = multiplyModPoly(p, p);
  }
  return table;
})();

/** a * b modulo POLY, both bit-reflected (the top bit is x^0). */
function multiplyModPoly(a, b) {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/**
 * CRC32C of A followed by B from the CRCs of A and B and B's length, without the bytes: how the
 * whole file's checksum comes from part checksums computed in any order (zlib's crc32_combine).
 */
export function crc32cCombine(crcA, crcB, lengthB) {
  // crcA times x^(8 * lengthB): lengthB may exceed 2^32 (a 5 GiB part), so no bit operators on it.
  let shift = 1 << 31; // x^0
  let k = 3; // 8 = 2^3 bits per byte
  for (let n = lengthB; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) shift = multiplyModPoly(X2N[k & 31], shift);
  }
  return (multiplyModPoly(shift, crcA) ^ crcB) >>> 0;
}

/** The whole object's CRC32C from its parts' CRCs and sizes, in part order. */
export function crc32cOfParts(parts) {
  return parts.reduce((crc, part) => crc32cCombine(crc, part.crc, part.size), 0);
}

/** Base64 of the CRC's four big-endian bytes: how S3 writes x-amz-checksum-crc32c. */
export function crcToBase64(crc) {
  return btoa(String.fromCharCode((crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff));
}
