package dev.uploadgate.functions.service;

/**
 * An object as S3 holds it.
 *
 * @param size bytes
 * @param etag the ETag without quotes
 */
public record StoredObject(long size, String etag) {
}
