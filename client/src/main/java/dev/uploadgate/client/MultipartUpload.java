package dev.uploadgate.client;

/**
 * One multipart upload as the API started it: its key and id, the part size it binds (the
 * server's answer, for a sized upload), how many parts (the most there can be, for a stream), and
 * the checksum its parts carry.
 */
record MultipartUpload(String key, String uploadId, long partSize, int partCount, ChecksumAlgorithm checksum) {
}
