package dev.uploadgate.functions.rules;

import java.util.Objects;

/**
 * A checksum as S3 reports it: the algorithm, the type, and the base64 value ({@code <b64>-<n>}
 * for a composite of n parts). Also the API's answer {@code {"algorithm", "type", "value"}}.
 */
public record ChecksumValue(ChecksumAlgorithm algorithm, ChecksumType type, String value) {
    public ChecksumValue {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
