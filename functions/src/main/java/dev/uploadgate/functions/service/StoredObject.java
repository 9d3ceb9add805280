package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ChecksumValue;
import java.util.Objects;
import java.util.Optional;

/**
 * An object as S3 holds it.
 *
 * @param size        bytes
 * @param etag        the ETag without quotes
 * @param contentType the stored content type
 * @param checksum    the checksum S3 keeps for it, if any
 */
public record StoredObject(long size, String etag, String contentType, Optional<ChecksumValue> checksum) {
    public StoredObject {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(checksum, "checksum");
    }
}
