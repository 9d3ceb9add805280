package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the raw query string the way browsers build it: {@code +} and {@code %20} are both a
 * space (Uppy's URLSearchParams sends the first, older clients the second), escapes must be
 * well-formed UTF-8, and a name given twice is refused rather than guessed at (API Gateway would
 * join the values with commas).
 */
final class QueryString {
    private QueryString() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.putIfAbsent(name, value) != null) {
                throw ApiException.invalidField("query parameter", name, "is given more than once");
            }
        }
        return parameters;
    }

    static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw ApiException.invalidField("query string", text, "has a malformed %-escape");
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                // Anything else passes through as it came, as UTF-8.
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return StrictUtf8.decode(bytes.toByteArray())
                .orElseThrow(() -> ApiException.invalidField("query string", text, "is not valid UTF-8 once decoded"));
    }
}
