// SHA-256 part checksums through WebCrypto, COMPOSITE as S3 computes them: the SHA-256 candidate
// of checksum-bench.js. Not used by uploadgate.js, which sends CRC32C because it measured faster
// in Chromium (BENCHMARKS.md, "Browser part checksums").

/** Base64 of the SHA-256 of a Blob's bytes, as S3's x-amz-checksum-sha256 header carries it. */
export async function sha256Base64(blob) {
  return toBase64(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}

/** S3's COMPOSITE value: the SHA-256 of the parts' raw digests in part order, then `-<part count>`. */
export async function compositeSha256(partChecksums) {
  const joined = new Uint8Array(partChecksums.length * 32);
  partChecksums.forEach((b64, i) => joined.set(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), i * 32));
  return `${toBase64(await crypto.subtle.digest('SHA-256', joined))}-${partChecksums.length}`;
}

function toBase64(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
