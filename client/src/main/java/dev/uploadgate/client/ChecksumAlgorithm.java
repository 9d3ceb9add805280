package dev.uploadgate.client;

import java.util.Locale;
import java.util.Optional;

/**
 * How an upload proves its bytes. The CRCs and SHA-256 are S3 checksums: each part's value is
 * computed while the part is read, bound into its presigned URL ({@code x-amz-checksum-*}, so S3
 * refuses changed bytes), compared with S3's answer, and the whole object's value is compared
 * with the one S3 stores. {@link #MD5} is the older scheme ({@code Content-MD5} per part, the
 * multipart ETag for the object); {@link #NONE} sends no integrity fields at all.
 *
 * <pre>{@code
 * Uploader uploader = Uploader.builder().apiUrl(api).checksum(ChecksumAlgorithm.CRC64NVME).build();
 * }</pre>
 */
public enum ChecksumAlgorithm {
    /** CRC-32C, one CRC of the whole object (S3 type FULL_OBJECT), combined from the parts' CRCs. */
    CRC32C("CRC32C", "FULL_OBJECT"),
    /** CRC-64/NVME, one CRC of the whole object (FULL_OBJECT). */
    CRC64NVME("CRC64NVME", "FULL_OBJECT"),
    /** SHA-256 per part; the object's value is S3's COMPOSITE one: SHA-256 of the parts' digests, then {@code -N}. */
    SHA256("SHA256", "COMPOSITE"),
    /** {@code Content-MD5} per part and the multipart ETag; no S3 checksum. */
    MD5(null, null),
    /** No integrity fields: only sizes are checked. */
    NONE(null, null);

    /**
     * The default: of the two full-object CRCs, the one that costs less CPU on the JVM
     * ({@code java.util.zip.CRC32C} is a JIT intrinsic); measured with {@code client/bench.sh
     * --checksums}, figures in BENCHMARKS.md.
     */
    public static final ChecksumAlgorithm DEFAULT = CRC32C;

    private final String s3Name;
    private final String type;

    ChecksumAlgorithm(String s3Name, String type) {
        this.s3Name = s3Name;
        this.type = type;
    }

    /** S3's name of the algorithm ({@code CRC32C}, ...), empty for MD5 and NONE. */
    public Optional<String> s3Name() {
        return Optional.ofNullable(s3Name);
    }

    /** S3's checksum type, {@code FULL_OBJECT} or {@code COMPOSITE}; empty for MD5 and NONE. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    boolean isS3Checksum() {
        return s3Name != null;
    }

    boolean isFullObject() {
        return "FULL_OBJECT".equals(type);
    }

    /** The header S3 reads and answers the part's value in, e.g. {@code x-amz-checksum-crc32c}. */
    String header() {
        return "x-amz-checksum-" + s3Name.toLowerCase(Locale.ROOT);
    }

    /** The CRC behind a full-object algorithm. */
    Crc crc() {
        return Crc.named(s3Name).orElseThrow(() -> new IllegalStateException(this + " is not a CRC"));
    }
}
