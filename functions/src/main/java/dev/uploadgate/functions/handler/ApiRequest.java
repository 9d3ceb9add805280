package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.Owner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An API Gateway HTTP API (payload 2.0) request, read defensively: every accessor turns a missing
 * or malformed part of the event into a 400 that names it. Only this package sees the event.
 */
final class ApiRequest {
    /** A JSON request of the contract is far smaller; 10,000 completed parts take about 600 KB. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpApiEvent event;
    private final Map<String, String> query;

    private ApiRequest(HttpApiEvent event, Map<String, String> query) {
        this.event = event;
        this.query = query;
    }

    static ApiRequest from(HttpApiEvent event) {
        String raw = event.rawQueryString();
        Map<String, String> query = raw != null && !raw.isEmpty() ? QueryString.parse(raw)
                : event.queryStringParameters() == null ? Map.of() : new LinkedHashMap<>(event.queryStringParameters());
        return new ApiRequest(event, query);
    }

    /** A path parameter; API Gateway only routes here when it is present, but a test event may lack it. */
    String pathParameter(String name) {
        Map<String, String> parameters = event.pathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalidField("path parameter " + name, value, "is required");
        }
        return value;
    }

    Optional<String> optionalPathParameter(String name) {
        Map<String, String> parameters = event.pathParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name)).filter(v -> !v.isEmpty());
    }

    /** A query parameter holding a non-negative whole number, such as a size in bytes. */
    OptionalLong queryWholeNumber(String name) {
        String text = query.get(name);
        if (text == null) {
            return OptionalLong.empty();
        }
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.invalidField("query parameter " + name, text, "must be a whole number");
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** A yes/no query parameter: absent or {@code false} is no, {@code true} is yes, anything else a 400. */
    boolean queryFlag(String name) {
        String text = query.get(name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiException.invalidField("query parameter " + name, text, "must be true or false");
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    String requiredQuery(String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalidField("query parameter " + name, value, "is required");
        }
        return value;
    }

    /** Parameters named {@code prefix[name]}, as Uppy sends metadata, by name. */
    Map<String, String> queryGroup(String prefix) {
        Map<String, String> group = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (name.startsWith(prefix + "[") && name.endsWith("]")) {
                group.put(name.substring(prefix.length() + 1, name.length() - 1), value);
            }
        });
        return group;
    }

    /** The body as text: base64-decoded when API Gateway encoded it, and strictly UTF-8. */
    String body() {
        String body = event.body();
        if (body == null || body.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body is empty; a JSON object is expected");
        }
        byte[] bytes;
        if (event.isBase64Encoded()) {
            try {
                bytes = Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("body", body, "is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiException.invalidField("body", bytes.length + " bytes", "is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return StrictUtf8.decode(bytes)
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST, "the request body is not valid UTF-8"));
    }

    /**
     * Whose keys this request may touch: the JWT subject or the IAM principal that API Gateway
     * verified, or the fixed public owner when the API is deployed without authentication. The
     * kind of identity is part of the owner, so a token subject can never name an IAM principal's
     * prefix; an assumed role is one owner whatever its session name (the part after ':').
     */
    Owner owner() {
        String subject = event.jwtSubject();
        if (subject != null && !subject.isEmpty()) {
            return Owner.fromIdentity("jwt-" + subject);
        }
        if (event.iamUserId() != null) {
            String principal = event.iamUserId().split(":", 2)[0];
            return Owner.fromIdentity("iam-" + principal);
        }
        return Owner.PUBLIC;
    }

    /** The path as the caller sent it, before any decoding. */
    String rawPath() {
        return event.rawPath() == null ? "" : event.rawPath();
    }

    /** The id API Gateway gave the request, for logs and error messages. */
    String requestId() {
        return event.requestId() == null ? "unknown" : event.requestId();
    }
}
