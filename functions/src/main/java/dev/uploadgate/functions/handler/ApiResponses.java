package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.json.Json;
import java.util.Map;

/** The one place that writes responses, successes and errors alike, as JSON. */
final class ApiResponses {
    /** Answers carry presigned URLs: no cache between the caller and the API may keep them. */
    private static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store");

    private ApiResponses() {
    }

    static HttpApiResponse ok(Object body) {
        return json(200, body);
    }

    static HttpApiResponse error(ApiException error) {
        return json(error.code().status(), new ErrorBody(error.code().code(), error.getMessage()));
    }

    private static HttpApiResponse json(int status, Object body) {
        return new HttpApiResponse(status, HEADERS, Json.write(body), false);
    }

    /** {@code {"code", "message"}}, as the contract specifies every error. */
    record ErrorBody(String code, String message) {
    }
}
