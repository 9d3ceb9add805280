package dev.uploadgate.functions.service;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a caller asks for when starting an upload of a new object, multipart or single.
 *
 * @param filename the caller's file name; only its last component, cleaned, goes into the key
 * @param type     the content type, or null for {@code application/octet-stream}
 * @param metadata user metadata; null values are dropped
 * @param size     the file size when the caller declares it
 */
public record NewObjectRequest(String filename, String type, Map<String, String> metadata, OptionalLong size) {
    public NewObjectRequest {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(size, "size");
    }
}
