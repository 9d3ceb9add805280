package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 primitives that the SDK's signer does not expose: the derived signing key, HMAC-SHA256
 * and hex SHA-256. Used where we sign (browser POST policies) and where local mode verifies.
 */
public final class SigV4Keys {
    private SigV4Keys() {
    }

    /** HMAC chain "AWS4"+secret, date (yyyyMMdd), region, service, "aws4_request". */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmacSha256(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** A Mac keyed for HMAC-SHA256, to sign many strings with one key (not thread-safe). */
    static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** A SHA-256 digest (not thread-safe). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
