package dev.uploadgate.client;

import java.util.Objects;

/**
 * A checksum S3 stores with an object, as the API reports it.
 *
 * <pre>{@code
 * result.checksum().ifPresent(c -> System.out.println(c.algorithm() + " " + c.type() + " " + c.value()));
 * }</pre>
 *
 * @param algorithm S3's name: CRC32, CRC32C, CRC64NVME, SHA1 or SHA256
 * @param type      FULL_OBJECT (a checksum of the whole object) or COMPOSITE (of its parts' checksums)
 * @param value     base64, with {@code -N} (the part count) after a COMPOSITE one
 */
public record ObjectChecksum(String algorithm, String type, String value) {
    public ObjectChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    boolean isFullObject() {
        return "FULL_OBJECT".equals(type);
    }
}
