package dev.uploadgate.client;

import java.time.Duration;

/**
 * A finished, verified upload: the object's multipart ETag matched the one computed from the
 * bytes sent, and every part's ETag matched its MD5.
 *
 * @param key      the object key the server chose
 * @param location the object's URL as the API reports it
 * @param etag     the object's ETag, quoted as S3 writes it
 * @param size     bytes in the object
 * @param uploadId the multipart upload that made it
 * @param parts    parts in the object
 * @param partsSent parts this call sent (fewer than {@code parts} after a resume)
 * @param elapsed  time from start to verified completion
 */
public record UploadResult(String key, String location, String etag, long size, String uploadId, int parts,
                           int partsSent, Duration elapsed) {
}
