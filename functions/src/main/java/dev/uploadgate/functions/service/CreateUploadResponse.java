package dev.uploadgate.functions.service;

/**
 * A started multipart upload, and, when the caller declared its size, the part size to use and
 * how many parts that makes.
 */
public record CreateUploadResponse(String key, String uploadId, Long partSize, Integer partCount) {
}
