package dev.uploadgate.client;

import java.time.Duration;

/**
 * A finished, verified upload: every part's checksum (or, with MD5, ETag) matched what S3
 * answered, and so did the whole object's.
 *
 * <pre>{@code
 * UploadResult result = uploader.upload(Path.of("video.mp4"));
 * System.out.println(result.key() + " " + (result.checksum() == null ? result.etag() : result.checksum().value()));
 * }</pre>
 *
 * @param key       the object key the server chose
 * @param location  the object's URL as the API reports it
 * @param etag      the object's ETag, quoted as S3 writes it
 * @param size      bytes in the object
 * @param checksum  the object's S3 checksum, as S3 stored it and this client verified it; null for
 *                  {@link ChecksumAlgorithm#MD5} and {@link ChecksumAlgorithm#NONE}
 * @param uploadId  the multipart upload that made it
 * @param parts     parts in the object
 * @param partsSent parts this call sent (fewer than {@code parts} after a resume; 0 when a resume
 *                  found the upload already completed)
 * @param elapsed   time from start to verified completion
 */
public record UploadResult(String key, String location, String etag, long size, ObjectChecksum checksum, String uploadId,
                           int parts, int partsSent, Duration elapsed) {
}
