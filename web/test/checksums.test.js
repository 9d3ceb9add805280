// Unit tests of web/checksums.js (plain functions, run in Node; the browser tests cover their use).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32c, crc32cCombine, crc32cOfBlob, crc32cOfParts, crcToBase64 } from '../checksums.js';

test('crc32c_standardCheckValues_matchTheCastagnoliReferences', () => {
  // "123456789" is the CRC catalogue's check value; the others are RFC 3720 (iSCSI) appendix B.4.
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test('crc32c_continuedFromAnEarlierCrc_equalsOnePass', () => {
  const bytes = pseudoRandom(100_003);
  for (const cut of [0, 1, 7, 8, 9, 50_000, 100_002, 100_003]) {
    assert.equal(crc32c(bytes.subarray(cut), crc32c(bytes.subarray(0, cut))), crc32c(bytes), `cut at ${cut}`);
  }
});

test('crc32cCombine_anySplit_equalsTheCrcOfTheWhole', () => {
  const bytes = pseudoRandom(300_007);
  const whole = crc32c(bytes);
  for (const cut of [0, 1, 5, 4096, 150_000, 300_006, 300_007]) {
    const a = crc32c(bytes.subarray(0, cut));
    const b = crc32c(bytes.subarray(cut));
    assert.equal(crc32cCombine(a, b, bytes.length - cut), whole, `cut at ${cut}`);
  }
});

test('crc32cOfParts_unevenParts_equalsTheCrcOfTheWhole', () => {
  const bytes = pseudoRandom(1_000_000);
  const parts = [];
  for (let start = 0; start < bytes.length; start += 262_144) {
    const part = bytes.subarray(start, start + 262_144);
    parts.push({ crc: crc32c(part), size: part.length });
  }
  assert.equal(parts.length, 4);
  assert.equal(crc32cOfParts(parts), crc32c(bytes));
});

test('crc32cCombine_lengthAbove4GiB_equalsCombiningInSteps', () => {
  // A 5 GiB part: its length passes 2^32, so the combine must not use 32-bit operators on it.
  const zeros = (n) => crc32c(new Uint8Array(n));
  assert.equal(crc32cCombine(zeros(1 << 19), zeros(1 << 19), 1 << 19), zeros(1 << 20)); // doubling works
  let zerosOf1GiB = zeros(1 << 20);
  for (let size = 1 << 20; size < 2 ** 30; size *= 2) zerosOf1GiB = crc32cCombine(zerosOf1GiB, zerosOf1GiB, size);
  const gib = 2 ** 30;
  let zerosOf5GiBPlus3 = zerosOf1GiB;
  for (let i = 1; i < 5; i++) zerosOf5GiBPlus3 = crc32cCombine(zerosOf5GiBPlus3, zerosOf1GiB, gib);
  zerosOf5GiBPlus3 = crc32cCombine(zerosOf5GiBPlus3, zeros(3), 3);

  const start = crc32c(new TextEncoder().encode('uploadgate'));
  let stepwise = start;
  for (let i = 0; i < 5; i++) stepwise = crc32cCombine(stepwise, zerosOf1GiB, gib);
  stepwise = crc32cCombine(stepwise, zeros(3), 3);
  assert.equal(crc32cCombine(start, zerosOf5GiBPlus3, 5 * gib + 3), stepwise);
  assert.notEqual(stepwise, start);
});

test('crcToBase64_crc_isItsFourBigEndianBytes', () => {
  assert.equal(crcToBase64(0xe3069283), Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString('base64'));
  assert.equal(crcToBase64(0), 'AAAAAA==');
});

test('crc32cOfBlob_blob_equalsTheCrcOfItsBytes', async () => {
  const bytes = pseudoRandom(70_001);
  assert.equal(await crc32cOfBlob(new Blob([bytes.subarray(0, 1000), bytes.subarray(1000)])), crc32c(bytes));
  const big = pseudoRandom(8 * 1024 * 1024 * 2 + 5); // read in three chunks
  assert.equal(await crc32cOfBlob(new Blob([big])), crc32c(big));
  assert.equal(await crc32cOfBlob(new Blob([])), 0);
});

function pseudoRandom(size) {
  const bytes = new Uint8Array(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
