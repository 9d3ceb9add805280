package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.util.Base64;
import java.util.Locale;

/**
 * S3's additional checksum algorithms, with the names each place uses: the API's field values
 * ({@code CRC32C}), the signed header ({@code x-amz-checksum-crc32c}), S3's JSON and XML member
 * ({@code ChecksumCRC32C}), and the key descriptor ({@code crc32c}).
 */
public enum ChecksumAlgorithm {
    CRC32(4, true),
    CRC32C(4, true),
    CRC64NVME(8, true),
    SHA1(20, false),
    SHA256(32, false);

    private final int digestBytes;
    private final boolean crc;
    private final String lowerCase;

    ChecksumAlgorithm(int digestBytes, boolean crc) {
        this.digestBytes = digestBytes;
        this.crc = crc;
        this.lowerCase = name().toLowerCase(Locale.ROOT);
    }

    /** A caller's algorithm name, case-insensitive; anything else is a 400 naming the field. */
    public static ChecksumAlgorithm parse(String field, String name) {
        if (name != null) {
            for (ChecksumAlgorithm algorithm : values()) {
                if (algorithm.name().equalsIgnoreCase(name.strip())) {
                    return algorithm;
                }
            }
        }
        throw ApiException.invalidField(field, name, "must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256");
    }

    /** The signed request header that carries a value, such as {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return "x-amz-checksum-" + lowerCase;
    }

    /** S3's member name for a value, such as {@code ChecksumCRC32C}: also the API's part field. */
    public String memberName() {
        return "Checksum" + name();
    }

    /** The lower-case name used in key descriptors. */
    public String lowerCase() {
        return lowerCase;
    }

    public boolean isCrc() {
        return crc;
    }

    /**
     * A caller's checksum value: the base64 of exactly this algorithm's digest length.
     *
     * @return the value as given (canonical base64)
     */
    public String requireValue(String field, String base64) {
        byte[] digest;
        try {
            digest = base64 == null ? null : Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            digest = null;
        }
        if (digest == null || digest.length != digestBytes || !Base64.getEncoder().encodeToString(digest).equals(base64)) {
            throw ApiException.invalidField(field, base64, "must be the base64 of a " + digestBytes + "-byte " + name() + " checksum");
        }
        return base64;
    }
}
