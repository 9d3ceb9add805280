package dev.uploadgate.client;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * How a download is verified end to end, chosen from what the object carries: its full-object CRC
 * (the ranges' CRCs, computed in parallel, combined in order), else the MD5 of a single-request
 * object's ETag; else nothing can be checked, and the result says why. Fed the ranges in order.
 */
final class DownloadCheck {
    private final String key;
    private final ObjectChecksum checksum;
    private final Crc crc;
    private final MessageDigest md5;
    private final String etag;
    private long combined;

    private DownloadCheck(String key, ObjectChecksum checksum, Crc crc, MessageDigest md5, String etag) {
        this.key = key;
        this.checksum = checksum;
        this.crc = crc;
        this.md5 = md5;
        this.etag = etag;
    }

    static DownloadCheck of(String key, ObjectChecksum checksum, String etag) {
        Crc crc = checksum != null && checksum.isFullObject() ? Crc.named(checksum.algorithm()).orElse(null) : null;
        MessageDigest md5 = crc == null && Digests.isPlainMd5(etag) ? Digests.md5() : null;
        return new DownloadCheck(key, checksum, crc, md5, etag);
    }

    /** The CRC each range needs computed, or null. */
    Crc crc() {
        return crc;
    }

    void add(RangeFetcher.Range range) {
        if (crc != null) {
            combined = crc.combine(combined, range.crc(), range.length());
        } else if (md5 != null) {
            md5.update(range.bytes(), 0, range.length());
        }
    }

    /** Whether the bytes were verified, and how (or why not); throws when they do not match. */
    String finish() {
        if (crc != null) {
            String got = Base64.getEncoder().encodeToString(crc.bytes(combined));
            if (!got.equals(checksum.value())) {
                throw new TransferException(TransferException.Kind.INTEGRITY, "the bytes received from " + key + " have "
                        + checksum.algorithm() + " " + got + ", not the object's full-object " + checksum.value()
                        + "; download it again", null);
            }
            return "full-object " + checksum.algorithm();
        }
        if (md5 != null) {
            if (!Digests.hex(md5.digest()).equals(Digests.bareETag(etag))) {
                throw new TransferException(TransferException.Kind.INTEGRITY, "the bytes received from " + key
                        + " do not have the MD5 of the object's ETag " + etag + "; download it again", null);
            }
            return "MD5 ETag";
        }
        return null;
    }

    /** Why the bytes could not be checked end to end, for a result that was not verified. */
    String whyNot() {
        if (checksum != null && !checksum.isFullObject()) {
            return "not verified: the object's " + checksum.type() + " " + checksum.algorithm() + " checksum " + checksum.value()
                    + " is computed over its parts, whose size this download does not know";
        }
        if (checksum != null) {
            return "not verified: this client cannot compute the object's " + checksum.algorithm() + " checksum";
        }
        return "not verified: the object has no checksum and its ETag " + etag + " is not an MD5 of its bytes (multipart or encrypted)";
    }
}
