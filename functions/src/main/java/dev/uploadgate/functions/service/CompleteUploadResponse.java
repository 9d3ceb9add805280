package dev.uploadgate.functions.service;

/**
 * A finished object.
 *
 * @param etag the object's ETag as S3 reports it, quoted
 * @param size bytes
 */
public record CompleteUploadResponse(String location, String key, String bucket, String etag, long size) {
}
