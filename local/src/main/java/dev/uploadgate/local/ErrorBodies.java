package dev.uploadgate.local;

import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;

/**
 * The gateway's own error bodies, in the contract's shape {@code {"code": "...", "message": "..."}}:
 * the functions' error codes, written by the functions' one JSON mapper, so a gateway answer and a
 * function's answer cannot drift apart.
 */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /** Serialized as the contract's error object. */
    record ErrorBody(String code, String message) {
    }

    static byte[] json(ErrorCode code, String message) {
        return Json.writeBytes(new ErrorBody(code.code(), message));
    }
}
