package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A handler for the gateway's tests, built the way the real ones are (a stream handler with a
 * no-argument constructor and a static {@code inEnvironment}, through which local mode gives it its
 * variables): it answers with the event JSON it received, so a test can check every field.
 * {@code GET /env} answers with its environment, {@code GET /binary} with a base64 body.
 */
public final class EchoHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<Map<String, String>> GIVEN_ENVIRONMENT = new ThreadLocal<>();
    private final Map<String, String> environment;

    public EchoHandler() {
        Map<String, String> given = GIVEN_ENVIRONMENT.get();
        this.environment = Map.copyOf(given != null ? given : System.getenv());
    }

    /** As the functions' handlers offer it: the constructor reads the given environment. */
    public static EchoHandler inEnvironment(Map<String, String> environment, Supplier<EchoHandler> constructor) {
        GIVEN_ENVIRONMENT.set(environment);
        try {
            return constructor.get();
        } finally {
            GIVEN_ENVIRONMENT.remove();
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Object response = switch (event.path("rawPath").asText()) {
            case "/env" -> json(JSON.writeValueAsString(environment));
            case "/binary" -> Map.of(
                    "statusCode", 201,
                    "headers", Map.of("content-type", "application/octet-stream",
                            "access-control-allow-origin", "https://handler.example",
                            "x-request-id", "abc"),
                    "multiValueHeaders", Map.of("x-multi", List.of("one", "two")),
                    "cookies", List.of("session=1; Path=/"),
                    "body", "AAEC/w==",
                    "isBase64Encoded", true);
            default -> {
                ObjectNode echo = event.deepCopy();
                echo.put("contextFunctionName", context.getFunctionName());
                echo.put("contextRemainingMillis", context.getRemainingTimeInMillis());
                echo.put("contextMemory", context.getMemoryLimitInMB());
                context.getLogger().log("echoing " + event.path("routeKey").asText());
                yield json(JSON.writeValueAsString(echo));
            }
        };
        output.write(JSON.writeValueAsBytes(response));
    }

    private static Map<String, Object> json(String body) {
        // No content-type on purpose: the gateway must default it to application/json.
        return Map.of("statusCode", 200, "body", body);
    }
}
