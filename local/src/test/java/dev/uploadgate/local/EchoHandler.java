package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A handler for the gateway's tests, built the way the real ones are (public constructor taking
 * the environment): it answers with the event it received, so a test can check every field.
 * {@code GET /env} answers with its environment, {@code GET /binary} with a base64 body.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> environment;

    public EchoHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return switch (event.getRawPath()) {
                case "/env" -> json(JSON.writeValueAsString(environment));
                case "/binary" -> APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(201)
                        .withHeaders(Map.of("content-type", "application/octet-stream",
                                "access-control-allow-origin", "https://handler.example",
                                "x-request-id", "abc"))
                        .withMultiValueHeaders(Map.of("x-multi", List.of("one", "two")))
                        .withCookies(List.of("session=1; Path=/"))
                        .withBody("AAEC/w==")
                        .withIsBase64Encoded(true)
                        .build();
                default -> {
                    ObjectNode echo = JSON.valueToTree(event);
                    echo.put("contextFunctionName", context.getFunctionName());
                    echo.put("contextRemainingMillis", context.getRemainingTimeInMillis());
                    echo.put("contextMemory", context.getMemoryLimitInMB());
                    context.getLogger().log("echoing " + event.getRouteKey());
                    yield json(JSON.writeValueAsString(echo));
                }
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static APIGatewayV2HTTPResponse json(String body) {
        // No content-type on purpose: the gateway must default it to application/json.
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
    }
}
