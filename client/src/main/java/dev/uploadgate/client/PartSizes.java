package dev.uploadgate.client;

/**
 * S3's multipart limits and the part size chosen for a file: at least 8 MiB (fewer, larger
 * requests), large enough that the file fits in 10,000 parts, rounded up to a whole MiB, and never
 * above S3's 5 GiB ceiling. The same rule the API uses when a caller declares its size.
 */
final class PartSizes {
    static final long MIB = 1024 * 1024;
    static final long MIN_PART_SIZE = 5 * MIB;
    static final long MAX_PART_SIZE = 5L * 1024 * MIB;
    static final long DEFAULT_PART_SIZE = 8 * MIB;
    static final int MAX_PARTS = 10_000;
    /** The largest object S3 stores. */
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * MIB;

    private PartSizes() {
    }

    static long partSizeFor(long objectSize) {
        long spread = ceilDiv(objectSize, MAX_PARTS);
        long roundedToMib = ceilDiv(spread, MIB) * MIB;
        return Math.min(MAX_PART_SIZE, Math.max(DEFAULT_PART_SIZE, roundedToMib));
    }

    /** Parts of {@code partSize} that hold {@code objectSize} bytes; an empty object is one empty part. */
    static int partCount(long objectSize, long partSize) {
        long count = Math.max(1, ceilDiv(objectSize, partSize));
        return count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
    }

    /** Bytes in part {@code partNumber} (1-based). */
    static long partLength(long objectSize, long partSize, int partNumber) {
        long offset = (partNumber - 1) * partSize;
        return Math.max(0, Math.min(partSize, objectSize - offset));
    }

    /** Checks a part size a caller chose, for an object of {@code objectSize} bytes (-1 when unknown). */
    static void requireUsable(long partSize, long objectSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " bytes is outside S3's limits of "
                    + MIN_PART_SIZE + " (5 MiB) to " + MAX_PART_SIZE + " (5 GiB) bytes");
        }
        if (partSize > Integer.MAX_VALUE - 64) {
            // Parts are held in byte arrays; a Java array stops just below 2 GiB.
            throw new IllegalArgumentException("part size " + partSize + " bytes is above this client's limit of "
                    + (Integer.MAX_VALUE - 64) + " bytes (2 GiB)");
        }
        if (objectSize >= 0 && partCount(objectSize, partSize) > MAX_PARTS) {
            throw new IllegalArgumentException("part size " + partSize + " bytes makes " + partCount(objectSize, partSize)
                    + " parts of a " + objectSize + "-byte file; S3 allows " + MAX_PARTS + ": use at least "
                    + partSizeFor(objectSize) + " bytes");
        }
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
