package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * User metadata stored on the object as {@code x-amz-meta-*} headers. Names are restricted to
 * header-safe characters and values to printable ASCII, so nothing a caller sends can inject a
 * header; other characters are percent-encoded as UTF-8 (a file name such as {@code résumé.pdf}
 * survives, readable after decoding). The total stays inside S3's 2 KB limit.
 */
public final class UserMetadata {
    public static final int MAX_ENTRIES = 20;
    public static final int MAX_TOTAL_BYTES = 2048;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private UserMetadata() {
    }

    /**
     * Checks and encodes caller metadata; entries whose value is null are dropped (Uppy sends them).
     */
    public static Map<String, String> sanitize(Map<String, String> metadata) {
        if (metadata.size() > MAX_ENTRIES) {
            throw ApiException.invalidField("metadata", metadata.size() + " entries", "has too many entries; at most " + MAX_ENTRIES);
        }
        Map<String, String> safe = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw ApiException.invalidField("metadata name", entry.getKey(),
                        "is not allowed: use 1 to 64 letters, digits, '-' or '_'");
            }
            if (safe.containsKey(name)) {
                throw ApiException.invalidField("metadata name", entry.getKey(), "is given twice (names are case-insensitive)");
            }
            String value = encode(entry.getValue());
            total += name.length() + value.length();
            if (total > MAX_TOTAL_BYTES) {
                throw ApiException.invalidField("metadata", "metadata." + entry.getKey(),
                        "makes the metadata larger than " + MAX_TOTAL_BYTES + " bytes");
            }
            safe.put(name, value);
        }
        return safe;
    }

    /** Printable ASCII stays; '%' and everything else is percent-encoded UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
