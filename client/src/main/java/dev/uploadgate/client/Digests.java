package dev.uploadgate.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** MD5s and ETags as S3 computes them. */
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
     * Bytes per digest update. Short updates rather than one per part: the file path hashes each
     * chunk as it is read, while it is still in the CPU's cache, and each update enters the JIT's
     * newest code for the digest. Measured on a 1 GiB upload: median 3.9 against 4.5 CPU seconds
     * (4 runs each, alternating; noisy).
     */
    static final int UPDATE_CHUNK = 256 * 1024;

    static byte[] md5(byte[] bytes, int offset, int length) {
        MessageDigest md5 = md5();
        for (int done = 0; done < length; done += UPDATE_CHUNK) {
            md5.update(bytes, offset + done, Math.min(UPDATE_CHUNK, length - done));
        }
        return md5.digest();
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
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

    /** The ETag S3 gives an object assembled from parts with these MD5s: md5 of the digests, then {@code -N}. */
    static String multipartETag(List<byte[]> partMd5s) {
        MessageDigest md5 = md5();
        partMd5s.forEach(md5::update);
        return hex(md5.digest()) + "-" + partMd5s.size();
    }

    /** Whether an ETag is a plain MD5 of the object (a single-request upload, not multipart, not SSE-KMS). */
    static boolean isPlainMd5(String etag) {
        return bareETag(etag).matches("[0-9a-f]{32}");
    }
}
