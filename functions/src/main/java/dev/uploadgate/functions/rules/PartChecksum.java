package dev.uploadgate.functions.rules;

import java.util.Objects;

/** A part's checksum as a client lists it on complete, under S3's member name ({@code ChecksumCRC32C}). */
public record PartChecksum(ChecksumAlgorithm algorithm, String value) {
    public PartChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }
}
