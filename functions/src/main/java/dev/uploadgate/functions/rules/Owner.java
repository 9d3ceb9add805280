package dev.uploadgate.functions.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The owner component of a key, derived from the caller's verified identity and safe to place in
 * a key. An identity made only of safe characters is used as it is, so keys stay readable; any
 * other is replaced by a digest, so two identities can never share a prefix by sanitizing to the
 * same text.
 */
public record Owner(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
    /** The owner of every key when the API is deployed without authentication. */
    public static final Owner PUBLIC = new Owner("public");

    public Owner {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("not a safe owner: " + value);
        }
    }

    /** The owner for a verified identity such as a JWT subject or an IAM principal id. */
    public static Owner fromIdentity(String identity) {
        if (identity != null && SAFE.matcher(identity).matches() && !identity.contains("..") && !identity.startsWith("sha-")) {
            return new Owner(identity);
        }
        return new Owner("sha-" + sha256Hex(String.valueOf(identity)).substring(0, 40));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
