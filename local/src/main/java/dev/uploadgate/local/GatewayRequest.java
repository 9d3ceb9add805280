package dev.uploadgate.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as it reached the gateway, before any interpretation; kept apart from
 * HttpExchange so event building can be tested without a server.
 *
 * @param method     the request method
 * @param rawPath    the path exactly as sent, still percent-encoded
 * @param rawQuery   the query exactly as sent, without '?'; null when the URL had none
 * @param headers    header name (any case) to its values, in the order received
 * @param body       the body's bytes; empty when there is none
 * @param sourceIp   the client's address
 * @param localPort  the port the gateway listens on
 */
record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                      String sourceIp, int localPort) {
    GatewayRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sourceIp, "sourceIp");
    }

    /** The first value of a header, matched case-insensitively; null when absent. */
    String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
