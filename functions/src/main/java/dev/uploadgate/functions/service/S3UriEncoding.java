package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: UTF-8, every byte but the unreserved characters (A-Z, a-z, 0-9, '-',
 * '.', '_', '~') as %XX with upper-case hex. S3 paths are encoded once and keep their '/', so a
 * key's "//" and "." segments reach S3 as they are.
 */
final class S3UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3UriEncoding() {
    }

    /** A query parameter name or value. */
    static String encode(String text) {
        return encode(text, false);
    }

    /** A path: like {@link #encode} but '/' stays. */
    static String encodePath(String text) {
        return encode(text, true);
    }

    private static String encode(String text, boolean keepSlash) {
        if (isPlain(text, keepSlash)) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isPlain(String text, boolean keepSlash) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isUnreserved(c) || (keepSlash && c == '/'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
