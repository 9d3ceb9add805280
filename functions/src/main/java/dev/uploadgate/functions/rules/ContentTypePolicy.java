package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which content types may be uploaded: a list of patterns such as {@code * /*} (spaces aside),
 * {@code image/*} or {@code application/pdf}, matched case-insensitively on the media type
 * without its parameters.
 */
public final class ContentTypePolicy {
    /** RFC 7231 media type: type "/" subtype, each an RFC 7230 token, then optional parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,127}/[!#$%&'*+.^_`|~0-9A-Za-z-]{1,127}(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=(\"[ -~&&[^\"\\\\]]*\"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))*");
    private static final int MAX_LENGTH = 255;
    public static final String DEFAULT_TYPE = "application/octet-stream";

    private final List<String> patterns;

    private ContentTypePolicy(List<String> patterns) {
        this.patterns = patterns;
    }

    /** Parses a comma-separated list of patterns, as the ALLOWED_CONTENT_TYPES variable holds. */
    public static ContentTypePolicy parse(String commaSeparated) {
        List<String> patterns = Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> p.toLowerCase(Locale.ROOT))
                .toList();
        for (String pattern : patterns) {
            int slash = pattern.indexOf('/');
            if (slash <= 0 || slash == pattern.length() - 1 || pattern.indexOf('/', slash + 1) >= 0
                    || (pattern.startsWith("*") && !pattern.equals("*/*"))) {
                throw new IllegalArgumentException("ALLOWED_CONTENT_TYPES has an invalid pattern: " + pattern);
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("ALLOWED_CONTENT_TYPES must name at least one pattern");
        }
        return new ContentTypePolicy(patterns);
    }

    /**
     * Checks a caller's content type: an absent or empty one becomes {@value #DEFAULT_TYPE}, a
     * malformed one is a 400, a well-formed one the configuration does not allow is a 415.
     *
     * @return the content type to store on the object
     */
    public String require(String field, String contentType) {
        String type = contentType == null || contentType.isBlank() ? DEFAULT_TYPE : contentType.trim();
        if (type.length() > MAX_LENGTH || !MEDIA_TYPE.matcher(type).matches()) {
            throw ApiException.invalidField(field, contentType, "is not a media type such as 'image/png'");
        }
        if (!allows(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    field + " " + ApiException.quote(type) + " is not allowed; allowed: " + String.join(", ", patterns));
        }
        return type;
    }

    boolean allows(String contentType) {
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String major = bare.substring(0, bare.indexOf('/'));
        for (String pattern : patterns) {
            if (pattern.equals("*/*") || pattern.equals(bare) || pattern.equals(major + "/*")) {
                return true;
            }
        }
        return false;
    }
}
