package dev.uploadgate.client;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/** What S3 will say of a whole object, computed from its parts' values (in part order). */
final class ObjectDigests {
    private ObjectDigests() {
    }

    /**
     * The object's value: the combined CRC (base64) for a full-object CRC, {@code base64(sha256(part
     * digests))-N} for composite SHA-256, the multipart ETag {@code hex(md5(part MD5s))-N} for MD5;
     * empty for NONE.
     */
    static String expected(ChecksumAlgorithm algorithm, List<PartDigest> parts) {
        return switch (algorithm) {
            case CRC32C, CRC64NVME -> Base64.getEncoder().encodeToString(combined(algorithm.crc(), parts));
            case SHA256 -> Base64.getEncoder().encodeToString(digestOfDigests(Digests.sha256(), parts)) + "-" + parts.size();
            case MD5 -> Digests.hex(digestOfDigests(Digests.md5(), parts)) + "-" + parts.size();
            case NONE -> "";
        };
    }

    /** The CRC of the parts one after another, from their own CRCs and lengths. */
    static byte[] combined(Crc crc, List<PartDigest> parts) {
        long value = 0; // the CRC of nothing
        for (PartDigest part : parts) {
            value = crc.combine(value, crc.value(part.value()), part.length());
        }
        return crc.bytes(value);
    }

    private static byte[] digestOfDigests(MessageDigest digest, List<PartDigest> parts) {
        parts.forEach(part -> digest.update(part.value()));
        return digest.digest();
    }
}
