package dev.uploadgate.local;

/** An invocation that produced no response, and what API Gateway answers for it. */
final class InvocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why there is no response. */
    enum Kind {
        /** The handler threw, wrote something that is not a response, or its runtime failed to start: 500. */
        FUNCTION_ERROR,
        /** The function ran past its Timeout and was stopped: 503. */
        TIMEOUT,
        /** No execution environment became free in time: 503. */
        NO_ENVIRONMENT
    }

    private final Kind kind;

    InvocationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    InvocationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
