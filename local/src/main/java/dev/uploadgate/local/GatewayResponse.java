package dev.uploadgate.local;

import dev.uploadgate.functions.error.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the gateway, before any transport: what the HTTP server writes back.
 *
 * @param status  the HTTP status
 * @param headers header name to its values, in order; a name with several values is sent several times
 * @param body    the body's bytes (empty for none); a HEAD answer carries the GET's, which are not sent
 */
record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {
    GatewayResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The contract's error JSON with these headers (CORS, request id) besides its content type. */
    static GatewayResponse error(ErrorCode code, String message, Map<String, String> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Content-Type", List.of("application/json"));
        return new GatewayResponse(code.status(), all, ErrorBodies.json(code, message));
    }
}
