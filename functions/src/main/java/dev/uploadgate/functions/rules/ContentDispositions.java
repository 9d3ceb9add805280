package dev.uploadgate.functions.rules;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How stored objects are served. An uploaded file is served from the bucket's origin, so a type a
 * browser would run there (HTML, XHTML, SVG, XML, JavaScript and anything not known to be inert)
 * must only ever be downloaded as an attachment: otherwise one user's upload is a stored script or
 * a phishing page for everyone who opens its link. Only types a browser displays without running
 * anything may be shown inline.
 */
public final class ContentDispositions {
    /** Displayed by browsers without running scripts. SVG is an image that runs scripts: not here. */
    static final Set<String> INLINE_SAFE_TYPES = Set.of(
            "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
            "video/mp4", "video/webm", "video/ogg",
            "audio/mpeg", "audio/mp4", "audio/ogg", "audio/wav", "audio/webm", "audio/flac",
            "application/pdf");

    /** What the server stores with every object: no shared cache keeps one user's file. */
    public static final String CACHE_CONTROL = "private";

    private ContentDispositions() {
    }

    /** Whether a content type may be displayed inline (case and parameters ignored). */
    public static boolean inlineSafe(String contentType) {
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return INLINE_SAFE_TYPES.contains(bare);
    }

    /** The Content-Disposition stored with a new object: inline only for the safe types. */
    public static String forUpload(String contentType, String fileName) {
        return inlineSafe(contentType) ? inline(fileName) : attachment(fileName);
    }

    public static String attachment(String fileName) {
        return "attachment; filename*=UTF-8''" + encode(fileName);
    }

    public static String inline(String fileName) {
        return "inline; filename*=UTF-8''" + encode(fileName);
    }

    /** RFC 8187 ext-value: attr-chars as they are, every other UTF-8 byte percent-encoded (ASCII only, so it can be signed). */
    static String encode(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length() + 16);
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
