package dev.uploadgate.functions.service;

/**
 * A started multipart upload; when the caller declared its size, the part size every part but the
 * last must have (each part URL binds it) and how many parts that makes; and the checksum S3 keeps.
 */
public record CreateUploadResponse(String key, String uploadId, Long partSize, Integer partCount,
                                   String checksumAlgorithm, String checksumType) {
}
