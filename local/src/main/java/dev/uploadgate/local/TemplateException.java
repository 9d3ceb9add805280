package dev.uploadgate.local;

/** The template cannot be run locally: unreadable, malformed, or using something local mode cannot resolve. */
final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateException(String message) {
        super(message);
    }

    TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
