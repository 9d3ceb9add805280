package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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

    static APIGatewayV2HTTPResponse ok(Object body) {
        return json(200, body);
    }

    static APIGatewayV2HTTPResponse error(ApiException error) {
        return json(error.code().status(), new ErrorBody(error.code().code(), error.getMessage()));
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(HEADERS);
        response.setBody(Json.write(body));
        return response;
    }

    /** {@code {"code", "message"}}, as the contract specifies every error. */
    record ErrorBody(String code, String message) {
    }
}
