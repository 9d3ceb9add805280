package dev.uploadgate.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's own error bodies, in the contract's shape {@code {"code": "...", "message": "..."}}. */
final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {
    }

    /** Serialized as the contract's error object. */
    record ErrorBody(String code, String message) {
    }

    static byte[] json(String code, String message) {
        try {
            return JSON.writeValueAsBytes(new ErrorBody(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of two strings must serialize", e);
        }
    }
}
