package dev.uploadgate.functions.hostile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every answer of the API must look like, whatever it was sent: JSON, and for an error
 * exactly {@code {"code", "message"}} with a code of the contract and no trace of the code that
 * produced it. Returns the problems rather than throwing, so the fuzz test can report them all.
 */
final class ContractChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every error code of the contract (the README's API section). */
    static final Set<String> CONTRACT_CODES = Set.of("InvalidRequest", "InvalidPartNumber", "InvalidPart", "InvalidPartOrder",
            "EntityTooSmall", "BadDigest", "Unauthorized", "AccessDenied", "NoSuchUpload", "NotFound", "EntityTooLarge",
            "UnsupportedMediaType", "TooManyUploads", "ServiceUnavailable", "InternalError");
    /** Text that only a stack trace, an exception's toString or a library's internals would put in a body. */
    private static final List<String> LEAKS = List.of("at dev.", "\tat ", "Exception", "software.amazon", "com.fasterxml",
            "org.gaul", "java.lang", "java.util");
    /** A message names the field and a truncated value; a longer one echoes too much of the request. */
    static final int MAX_MESSAGE_CHARS = 1_000;

    private ContractChecks() {
    }

    /** The parsed body, or null when it is not JSON. */
    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return response.getBody() == null ? null : JSON.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Problems with an answer of any status: empty when it keeps the contract. */
    static List<String> problems(APIGatewayV2HTTPResponse response) {
        List<String> problems = new ArrayList<>();
        if (response == null) {
            problems.add("no response");
            return problems;
        }
        int status = response.getStatusCode();
        if (status < 200 || status >= 500) {
            problems.add("status " + status);
        }
        String contentType = response.getHeaders() == null ? null : response.getHeaders().get("content-type");
        if (!"application/json".equals(contentType)) {
            problems.add("content-type " + contentType);
        }
        JsonNode body = body(response);
        if (body == null) {
            problems.add("body is not JSON: " + abbreviate(response.getBody()));
            return problems;
        }
        if (status >= 400) {
            problems.addAll(errorProblems(body, response.getBody()));
        }
        return problems;
    }

    private static List<String> errorProblems(JsonNode body, String text) {
        List<String> problems = new ArrayList<>();
        if (!body.isObject() || body.size() != 2 || !body.path("code").isTextual() || !body.path("message").isTextual()) {
            problems.add("error body is not {\"code\", \"message\"}: " + abbreviate(text));
            return problems;
        }
        if (!CONTRACT_CODES.contains(body.get("code").textValue())) {
            problems.add("code " + body.get("code").textValue() + " is not in the contract");
        }
        String message = body.get("message").textValue();
        if (message.isBlank()) {
            problems.add("empty message");
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            problems.add("message of " + message.length() + " characters");
        }
        for (String leak : LEAKS) {
            if (text.contains(leak)) {
                problems.add("body contains '" + leak.replace("\t", "\\t") + "': " + abbreviate(text));
            }
        }
        return problems;
    }

    static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }
}
