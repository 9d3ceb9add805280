package dev.uploadgate.functions.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Random building blocks of hostile requests: JSON built from the contract's field names with values
 * of any type, text from the corners of Unicode, numbers at and past every limit, and mutations
 * (a character replaced, dropped or doubled, the text cut short) of otherwise valid values.
 */
final class FuzzInputs {
    /** Every field and query parameter name the contract uses, and a few it does not. */
    static final List<String> FIELDS = List.of("filename", "type", "metadata", "size", "parts", "PartNumber", "ETag", "key",
            "uploadId", "partNumber", "partNumbers", "contentLength", "contentMD5", "method", "metadata[name]", "metadata[type]",
            "__proto__", "");
    private static final List<String> SPECIAL_TEXT = List.of("", " ", "..", "../..", "/", "\\", "%", "%2F", "%00", "+", "&", "=",
            "\u0000", "\r\n", "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "\ud83d\ude00", "é", "null", "true", "NaN", "-0",
            "image/png", "application/octet-stream", "PUT", "POST", "put", "1,2,3", "uploads/public/", "uploads/someone-else/");
    private static final List<String> SPECIAL_NUMBERS = List.of("0", "-1", "1", "1.5", "10000", "10001", "1e3", "1e400", "-0",
            "9223372036854775807", "9223372036854775808", "99999999999999999999999999999999", "5368709120", "5497558138881", "0.0");

    private FuzzInputs() {
    }

    static String text(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> SPECIAL_TEXT.get(random.nextInt(SPECIAL_TEXT.size()));
            case 1 -> SPECIAL_NUMBERS.get(random.nextInt(SPECIAL_NUMBERS.size()));
            case 2 -> ascii(random, random.nextInt(12));
            case 3 -> "x".repeat(random.nextInt(3000));
            default -> unicode(random, random.nextInt(20));
        };
    }

    static String ascii(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) random.nextInt(128));
        }
        return out.toString();
    }

    /** Any UTF-16 code unit, lone surrogates included. */
    static String unicode(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : SPECIAL_TEXT.get(random.nextInt(SPECIAL_TEXT.size())));
        }
        return out.toString();
    }

    /** A JSON value of any type, nested up to {@code depth}. */
    static String jsonValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> SPECIAL_NUMBERS.get(random.nextInt(SPECIAL_NUMBERS.size())).replace("-0", "-0.0e-5");
            case 3 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 4 -> jsonString(text(random));
            case 5 -> jsonObject(random, depth - 1);
            case 6 -> jsonArray(random, depth - 1);
            default -> partsArray(random);
        };
    }

    static String jsonObject(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = random.nextInt(5) == 0 ? text(random) : FIELDS.get(random.nextInt(FIELDS.size()));
            out.append(jsonString(name)).append(':').append(jsonValue(random, depth));
        }
        return out.append('}').toString();
    }

    static String jsonArray(Random random, int depth) {
        StringBuilder out = new StringBuilder("[");
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
            out.append(i > 0 ? "," : "").append(jsonValue(random, depth));
        }
        return out.append(']').toString();
    }

    /** A complete call's parts list: mostly plausible, with numbers and ETags of any kind. */
    static String partsArray(Random random) {
        StringBuilder out = new StringBuilder("[");
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String number = random.nextBoolean() ? Integer.toString(random.nextInt(12) - 1) : jsonValue(random, 0);
            String etag = random.nextBoolean() ? jsonString("0123456789abcdef0123456789abcdef") : jsonValue(random, 0);
            out.append(i > 0 ? "," : "").append("{\"PartNumber\":").append(number).append(",\"ETag\":").append(etag).append('}');
        }
        return out.append(']').toString();
    }

    /** A JSON string literal; lone surrogates are written as escapes, as a hostile client might. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The text with one random edit: a character replaced, removed or doubled, or the end cut off. */
    static String mutate(Random random, String text) {
        if (text.isEmpty()) {
            return text(random);
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
            case 3 -> text.substring(0, at);
            default -> text.substring(0, at) + SPECIAL_TEXT.get(random.nextInt(SPECIAL_TEXT.size())) + text.substring(at);
        };
    }

    /** A query string component as a client might send it: encoded, half-encoded or raw. */
    static String queryPart(Random random, String text) {
        return switch (random.nextInt(4)) {
            case 0 -> text;
            case 1 -> mutate(random, URLEncoder.encode(text, StandardCharsets.UTF_8));
            default -> URLEncoder.encode(text, StandardCharsets.UTF_8);
        };
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
