package dev.uploadgate.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The JDK's digests, hex, and ETags as S3 writes them. */
final class Digests {
    private Digests() {
    }

    static MessageDigest md5() {
        return digest("MD5");
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }

    /**
     * Bytes per checksum update. Short updates rather than one per part: the file path hashes each
     * chunk as it is read, while it is still in the CPU's cache, and each update enters the JIT's
     * newest code for the digest. Measured on a 1 GiB upload: median 3.9 against 4.5 CPU seconds
     * (4 runs each, alternating; noisy).
     */
    static final int UPDATE_CHUNK = 256 * 1024;

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** An ETag without its quotes and in lower case, for comparing. */
    static String bareETag(String etag) {
        if (etag == null) {
            return "";
        }
        String bare = etag.strip();
        if (bare.startsWith("W/")) {
            bare = bare.substring(2);
        }
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare.toLowerCase(Locale.ROOT);
    }

    /** Whether an ETag is a plain MD5 of the object (a single-request upload, not multipart, not SSE-KMS). */
    static boolean isPlainMd5(String etag) {
        return bareETag(etag).matches("[0-9a-f]{32}");
    }
}
