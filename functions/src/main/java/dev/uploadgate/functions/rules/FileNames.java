package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a caller's file name into the last component of an object key: no directories, no
 * control, format (bidi, zero-width) or separator characters, trimmed, and short enough that every
 * key stays far inside S3's 1,024-byte limit while keeping the extension.
 */
public final class FileNames {
    /** Bytes of UTF-8 a file name may take in a key. */
    public static final int MAX_BYTES = 200;
    private static final int MAX_EXTENSION_CHARS = 16;

    private FileNames() {
    }

    public static String sanitize(String field, String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw ApiException.invalidField(field, fileName, "is required: the name of the file being uploaded");
        }
        return cleaned(fileName).orElseThrow(() -> ApiException.invalidField(field, fileName,
                "has no usable file name after removing directories and control characters"));
    }

    /** Whether a name is already what {@link #sanitize} makes of it (a key's last component, sent back). */
    public static boolean isSanitized(String fileName) {
        return fileName != null && !fileName.isBlank() && cleaned(fileName).filter(fileName::equals).isPresent();
    }

    /** The last component, without unsafe characters, trimmed and cut; empty when nothing usable is left. */
    private static Optional<String> cleaned(String fileName) {
        String lastComponent = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String cleaned = removeUnsafeCharacters(lastComponent).strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(truncate(cleaned));
    }

    private static String removeUnsafeCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(FileNames::isSafe).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isSafe(int codePoint) {
        int type = Character.getType(codePoint);
        return !Character.isISOControl(codePoint)
                && type != Character.FORMAT
                && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE;
    }

    private static String truncate(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = MAX_BYTES - utf8Length(extension);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int codePoint = stem.codePointAt(i);
            int size = utf8Length(new String(Character.toChars(codePoint)));
            if (used + size > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return kept.toString().strip() + extension;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
