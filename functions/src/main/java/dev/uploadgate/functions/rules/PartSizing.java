package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;

/**
 * S3's multipart limits and the part size suggested to a client that declares its file size: at
 * least 8 MiB (fewer, larger requests), large enough that the file fits in 10,000 parts, rounded
 * up to a whole MiB, and never above S3's 5 GiB part ceiling.
 */
public final class PartSizing {
    public static final long MIB = 1024 * 1024;
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5L * 1024 * MIB;
    public static final long DEFAULT_PART_SIZE = 8 * MIB;

    private PartSizing() {
    }

    public static long partSizeFor(long objectSize) {
        long spread = ceilDiv(objectSize, PartNumbers.MAX);
        long roundedToMib = ceilDiv(spread, MIB) * MIB;
        return Math.min(MAX_PART_SIZE, Math.max(DEFAULT_PART_SIZE, roundedToMib));
    }

    /** How many parts of {@code partSize} hold {@code objectSize} bytes; an empty object is one empty part. */
    public static int partCountFor(long objectSize, long partSize) {
        return (int) Math.max(1, ceilDiv(objectSize, partSize));
    }

    /**
     * A part size a caller asks for: within S3's part limits, and large enough that the declared
     * size fits in 10,000 parts.
     */
    public static long requirePartSize(String field, long partSize, long objectSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw ApiException.invalidField(field, partSize, "must be from " + MIN_PART_SIZE + " to " + MAX_PART_SIZE + " bytes");
        }
        if (ceilDiv(objectSize, partSize) > PartNumbers.MAX) {
            throw ApiException.invalidField(field, partSize, "is too small for size " + objectSize
                    + ": a multipart upload has at most " + PartNumbers.MAX + " parts");
        }
        return partSize;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
