package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.util.Objects;

/**
 * The checksum an upload is created with: an algorithm and a type S3 accepts together. CRC64NVME
 * exists only as FULL_OBJECT, SHA-1 and SHA-256 only as COMPOSITE; CRC32 and CRC32C as either.
 */
public record UploadChecksum(ChecksumAlgorithm algorithm, ChecksumType type) {
    public UploadChecksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Checks a caller's pair of fields; the type defaults to FULL_OBJECT for the CRCs and COMPOSITE
     * for the SHAs.
     *
     * @param typeName null for the default
     */
    public static UploadChecksum of(ChecksumAlgorithm algorithm, String typeName) {
        if (typeName == null) {
            return new UploadChecksum(algorithm, algorithm.isCrc() ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE);
        }
        ChecksumType type = ChecksumType.parse("checksumType", typeName);
        if (!isPair(algorithm, type)) {
            throw ApiException.invalidField("checksumType", typeName, "is not available with checksumAlgorithm " + algorithm
                    + (algorithm.isCrc() ? ": S3 keeps it as FULL_OBJECT only" : ": S3 keeps SHA checksums of multipart uploads as COMPOSITE only"));
        }
        return new UploadChecksum(algorithm, type);
    }

    /** Whether S3 accepts the algorithm with the type. */
    public static boolean isPair(ChecksumAlgorithm algorithm, ChecksumType type) {
        return type == ChecksumType.FULL_OBJECT ? algorithm.isCrc() : algorithm != ChecksumAlgorithm.CRC64NVME;
    }
}
