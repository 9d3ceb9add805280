package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ChecksumValue;

/**
 * A presigned GET of one of the caller's objects, with what S3 holds for it, so a client can check
 * what it downloads.
 *
 * @param etag     quoted, as S3 answers it
 * @param checksum the checksum S3 keeps for the object; null when it keeps none
 */
public record DownloadUrlResponse(String url, long expires, long size, String contentType, String etag, ChecksumValue checksum) {
}
