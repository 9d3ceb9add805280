package dev.uploadgate.client;

import java.time.Duration;

/**
 * A finished download.
 *
 * <pre>{@code
 * DownloadResult result = downloader.download(key, Path.of("copy.mp4"));
 * System.out.println(result.size() + " bytes" + (result.verified() ? ", MD5 checked" : ""));
 * }</pre>
 *
 * @param key      the object's key
 * @param size     bytes received
 * @param etag     the object's ETag as S3 sent it
 * @param verified whether the bytes were checked against the ETag (true for objects whose ETag is
 *                 a plain MD5; a multipart ETag cannot be recomputed without its part sizes)
 * @param elapsed  time from start to the last byte written
 */
public record DownloadResult(String key, long size, String etag, boolean verified, Duration elapsed) {
}
