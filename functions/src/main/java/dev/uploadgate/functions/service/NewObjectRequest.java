package dev.uploadgate.functions.service;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a caller asks for when starting an upload of a new object, multipart or single.
 *
 * @param filename          the caller's file name; only its last component, cleaned, goes into the key
 * @param type              the content type, or null for {@code application/octet-stream}
 * @param metadata          user metadata; null values are dropped
 * @param size              the file size when the caller declares it
 * @param partSize          the part size the caller wants for a multipart upload (with a size only)
 * @param checksumAlgorithm S3 checksum algorithm name, or null for none
 * @param checksumType      FULL_OBJECT or COMPOSITE for a multipart upload, or null for the algorithm's default
 * @param checksum          the whole file's checksum in that algorithm, bound into a single PUT, or null
 */
public record NewObjectRequest(String filename, String type, Map<String, String> metadata, OptionalLong size,
                               OptionalLong partSize, String checksumAlgorithm, String checksumType, String checksum) {
    public NewObjectRequest {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(partSize, "partSize");
    }

    /** A request with no part size and no checksum. */
    public NewObjectRequest(String filename, String type, Map<String, String> metadata, OptionalLong size) {
        this(filename, type, metadata, size, OptionalLong.empty(), null, null, null);
    }
}
