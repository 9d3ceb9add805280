package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ChecksumValue;

/**
 * A finished object.
 *
 * @param etag     the object's ETag as S3 reports it, quoted
 * @param size     bytes
 * @param checksum the checksum S3 keeps for the object; null when it keeps none
 */
public record CompleteUploadResponse(String location, String key, String bucket, String etag, long size, ChecksumValue checksum) {
}
