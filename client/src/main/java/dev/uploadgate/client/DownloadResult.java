package dev.uploadgate.client;

import java.time.Duration;

/**
 * A finished download.
 *
 * <pre>{@code
 * DownloadResult result = downloader.download(key, Path.of("copy.mp4"));
 * System.out.println(result.size() + " bytes, " + result.verification());
 * }</pre>
 *
 * @param key          the object's key
 * @param size         bytes received
 * @param etag         the object's ETag as S3 sent it
 * @param checksum     the checksum S3 stores with the object, as the API reported it; null when it has none
 * @param verified     whether the received bytes were checked end to end: against the full-object
 *                     CRC, else against a single-request object's MD5 ETag
 * @param verification how they were checked ({@code full-object CRC32C}, {@code MD5 ETag}), or, when
 *                     not verified, why not (a COMPOSITE checksum needs the part size, which a
 *                     download does not know)
 * @param elapsed      time from start to the last byte written
 */
public record DownloadResult(String key, long size, String etag, ObjectChecksum checksum, boolean verified, String verification,
                             Duration elapsed) {
}
