package dev.uploadgate.functions.error;

import java.util.Objects;

/**
 * The one error type of the functions: a code from {@link ErrorCode} and a message for the caller
 * that names the field and the offending value. Handlers render it in one place.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS = 120;

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    public ApiException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** Shorthand for the commonest error: a field whose value is not acceptable. */
    public static ApiException invalidField(String field, Object value, String reason) {
        return new ApiException(ErrorCode.INVALID_REQUEST, field + " " + quote(value) + " " + reason);
    }

    /**
     * Quotes a caller-supplied value for a message: truncated, with control characters escaped, so
     * an error message can neither grow without bound nor smuggle line breaks into logs.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_VALUE_CHARS) + 8).append('\'');
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_VALUE_CHARS; i++, shown++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (text.length() > MAX_VALUE_CHARS) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
