package dev.uploadgate.functions.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an API Gateway HTTP API (payload 2.0) event that the handlers use, read from the
 * event's JSON bytes as Lambda hands them to a stream handler. Everything else in the event is
 * ignored. The bytes are read into a tree with the functions' one {@link Json} mapper, which on a
 * cold JVM loads fewer classes than binding a type, and each field is then checked for its kind,
 * so a malformed event becomes a 400 naming the field instead of an exception to the runtime.
 *
 * @param rawQueryString        as the caller sent it, or null
 * @param queryStringParameters API Gateway's decoded parameters, or null when it sent none
 * @param pathParameters        the route's parameters, or null when it has none
 * @param requestId             requestContext.requestId, or null
 * @param jwtSubject            requestContext.authorizer.jwt.claims.sub, or null
 * @param iamUserId             requestContext.authorizer.iam.userId, or null
 */
record HttpApiEvent(String rawPath, String rawQueryString, Map<String, String> queryStringParameters,
                    Map<String, String> pathParameters, String body, boolean isBase64Encoded,
                    String requestId, String jwtSubject, String iamUserId) {

    /**
     * @throws ApiException (400) when the bytes are not a JSON object or a field has the wrong kind
     */
    static HttpApiEvent read(byte[] json) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is not a valid JSON document");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is empty");
        }
        if (!root.isObject()) {
            throw ApiException.invalidField("the request event", root.getNodeType(), "must be a JSON object");
        }
        JsonNode context = object(root, "requestContext", "requestContext");
        JsonNode authorizer = object(context, "authorizer", "requestContext.authorizer");
        JsonNode jwt = object(authorizer, "jwt", "requestContext.authorizer.jwt");
        JsonNode iam = object(authorizer, "iam", "requestContext.authorizer.iam");
        return new HttpApiEvent(
                text(root, "rawPath", "rawPath"),
                text(root, "rawQueryString", "rawQueryString"),
                textMap(root, "queryStringParameters"),
                textMap(root, "pathParameters"),
                text(root, "body", "body"),
                flag(root, "isBase64Encoded"),
                text(context, "requestId", "requestContext.requestId"),
                scalar(object(jwt, "claims", "requestContext.authorizer.jwt.claims"), "sub", "requestContext.authorizer.jwt.claims.sub"),
                text(iam, "userId", "requestContext.authorizer.iam.userId"));
    }

    /** A nested object, or null when it or its parent is absent or JSON null. */
    private static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode value = absentIfNull(parent, name);
        if (value != null && !value.isObject()) {
            throw invalid(path, value, "must be an object");
        }
        return value;
    }

    private static String text(JsonNode parent, String name, String path) {
        JsonNode value = absentIfNull(parent, name);
        if (value != null && !value.isTextual()) {
            throw invalid(path, value, "must be a string");
        }
        return value == null ? null : value.textValue();
    }

    /** A string, or a number or boolean taken as its text, as the runtime's own reader coerced them. */
    private static String scalar(JsonNode parent, String name, String path) {
        JsonNode value = absentIfNull(parent, name);
        if (value != null && value.isContainerNode()) {
            throw invalid(path, value, "must be a string");
        }
        return value == null ? null : value.asText();
    }

    private static boolean flag(JsonNode parent, String name) {
        JsonNode value = absentIfNull(parent, name);
        if (value != null && !value.isBoolean()) {
            throw invalid(name, value, "must be true or false");
        }
        return value != null && value.booleanValue();
    }

    /** A map of names to strings (a JSON null value stays null), or null when absent. */
    private static Map<String, String> textMap(JsonNode parent, String name) {
        JsonNode value = object(parent, name, name);
        if (value == null) {
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            entries.put(entry.getKey(), scalar(value, entry.getKey(), name + "." + entry.getKey()));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static JsonNode absentIfNull(JsonNode parent, String name) {
        JsonNode value = parent == null ? null : parent.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static ApiException invalid(String path, JsonNode value, String reason) {
        return ApiException.invalidField("the request event's " + path, value.toString(), reason);
    }
}
