package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.Owners;
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

    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> query;
    private final Owners ownerMapping;

    private ApiRequest(APIGatewayV2HTTPEvent event, Map<String, String> query, Owners ownerMapping) {
        this.event = event;
        this.query = query;
        this.ownerMapping = ownerMapping;
    }

    static ApiRequest from(APIGatewayV2HTTPEvent event) {
        return from(event, Owners.DEFAULT);
    }

    /** @param owners how the caller's identity maps to an owner (the deployment's OwnerPerRoleSession) */
    static ApiRequest from(APIGatewayV2HTTPEvent event, Owners owners) {
        String raw = event.getRawQueryString();
        Map<String, String> query = raw != null && !raw.isEmpty() ? QueryString.parse(raw)
                : event.getQueryStringParameters() == null ? Map.of() : new LinkedHashMap<>(event.getQueryStringParameters());
        return new ApiRequest(event, query, owners);
    }

    /** A path parameter; API Gateway only routes here when it is present, but a test event may lack it. */
    String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalidField("path parameter " + name, value, "is required");
        }
        return value;
    }

    Optional<String> optionalPathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
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
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request body is empty; a JSON object is expected");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
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
     * Whose keys this request may touch: the JWT subject, the Cognito identity or the IAM
     * principal that API Gateway verified, as {@link Owners} maps them, or the fixed public owner
     * when the API is deployed without authentication.
     */
    Owner owner(Owners owners) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = event.getRequestContext() == null ? null
                : event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            return Owner.PUBLIC;
        }
        String subject = authorizer.getJwt() == null || authorizer.getJwt().getClaims() == null ? null
                : authorizer.getJwt().getClaims().get("sub");
        APIGatewayV2HTTPEvent.RequestContext.IAM iam = authorizer.getIam();
        String cognitoIdentity = iam == null || iam.getCognitoIdentity() == null ? null : iam.getCognitoIdentity().getIdentityId();
        return owners.of(subject, iam == null ? null : iam.getUserId(), cognitoIdentity);
    }

    /** The owner under the template's default mapping (roles shared by their sessions). */
    Owner owner() {
        return owner(ownerMapping);
    }

    /** The route API Gateway matched, such as {@code GET /s3/download}: what a handler dispatches on. */
    String routeKey() {
        String routeKey = event.getRouteKey();
        if (routeKey == null || routeKey.isEmpty()) {
            throw ApiException.invalidField("the request event's routeKey", routeKey, "is required: the route API Gateway matched");
        }
        return routeKey;
    }

    /** The id API Gateway gave the request, for logs and error messages. */
    String requestId() {
        String id = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return id == null ? "unknown" : id;
    }
}
