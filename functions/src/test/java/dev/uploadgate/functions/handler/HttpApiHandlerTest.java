package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.testing.LambdaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMPTY_EVENT = "{\"version\":\"2.0\"}";

    @Test
    void handleRequest_operationResult_isA200JsonAnswerThatNoCacheKeeps() throws IOException {
        JsonNode response = call(handlerReturning(Map.of("ok", true)), EMPTY_EVENT);

        assertThat(response.get("statusCode").intValue()).isEqualTo(200);
        assertThat(response.get("body").textValue()).isEqualTo("{\"ok\":true}");
        assertThat(response.get("headers").get("content-type").textValue()).isEqualTo("application/json");
        assertThat(response.get("headers").get("cache-control").textValue()).isEqualTo("no-store");
    }

    @Test
    void handleRequest_anyAnswer_isExactlyThePayload2ResponseObject() throws IOException {
        JsonNode response = call(handlerReturning(Map.of("ok", true)), EMPTY_EVENT);

        assertThat(response.fieldNames()).toIterable().containsExactly("statusCode", "headers", "body", "isBase64Encoded");
        assertThat(response.get("isBase64Encoded").isBoolean()).isTrue();
        assertThat(response.get("isBase64Encoded").booleanValue()).isFalse();
    }

    @Test
    void handleRequest_apiException_isRenderedAsTheContractError() throws IOException {
        JsonNode response = call(handlerThrowing(new ApiException(ErrorCode.NO_SUCH_UPLOAD, "upload 'x' does not exist")), EMPTY_EVENT);

        assertThat(response.get("statusCode").intValue()).isEqualTo(404);
        assertThat(response.get("body").textValue()).isEqualTo("{\"code\":\"NoSuchUpload\",\"message\":\"upload 'x' does not exist\"}");
    }

    @Test
    void handleRequest_bug_isA500JsonWithoutTheStackTrace() throws IOException {
        JsonNode response = call(handlerThrowing(new IllegalStateException("secret internals")), EMPTY_EVENT);

        assertThat(response.get("statusCode").intValue()).isEqualTo(500);
        assertThat(response.get("body").textValue()).contains("\"code\":\"InternalError\"").doesNotContain("secret internals")
                .doesNotContain("at dev.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "   ", "not json", "{\"version\":", "[1,2]", "\"2.0\"", "{} {}", "{\"a\":1,\"a\":2}",
            "{\"rawPath\":7}", "{\"isBase64Encoded\":\"yes\"}", "{\"pathParameters\":[\"uploadId\"]}",
            "{\"pathParameters\":{\"uploadId\":{\"nested\":true}}}", "{\"requestContext\":\"r\"}",
            "{\"requestContext\":{\"authorizer\":{\"iam\":{\"userId\":42}}}}", "\u00ff\u00fe"})
    void handleRequest_malformedEvent_isA400ContractError(String event) throws IOException {
        JsonNode response = call(handlerReturning("unused"), event);

        assertThat(response.get("statusCode").intValue()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.get("body").textValue());
        assertThat(body.get("code").textValue()).isEqualTo("InvalidRequest");
        assertThat(body.get("message").textValue()).contains("request event");
    }

    @Test
    void handleRequest_deeplyNestedEvent_isA400NotAStackOverflow() throws IOException {
        String event = "{\"requestContext\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThat(call(handlerReturning("unused"), event).get("statusCode").intValue()).isEqualTo(400);
    }

    @Test
    void inEnvironment_givenVariables_areReadByTheLambdaConstructorAndOnlyThere() {
        Map<String, String> deployment = Map.of("BUCKET_NAME", "given-bucket", "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret", "KEY_PREFIX", "given/");

        AbortMultipartHandler handler = HttpApiHandler.inEnvironment(deployment, AbortMultipartHandler::new);

        assertThat(handler.prime()).as("wired from the given variables").containsExactly(400, 200);
        // Outside the call, the constructor reads the process's variables again (no BUCKET_NAME in a test JVM).
        assertThatThrownBy(AbortMultipartHandler::new).hasMessageContaining("BUCKET_NAME");
    }

    private static JsonNode call(HttpApiHandler<?> handler, String event) throws IOException {
        return JSON.readTree(LambdaRuntime.invokeRaw(handler, event.getBytes(StandardCharsets.UTF_8), null));
    }

    private static HttpApiHandler<Object> handlerReturning(Object result) {
        return new HttpApiHandler<>(new Object()) {
            @Override
            Object handle(Object service, ApiRequest request) {
                return result;
            }
        };
    }

    private static HttpApiHandler<Object> handlerThrowing(RuntimeException failure) {
        return new HttpApiHandler<>(new Object()) {
            @Override
            Object handle(Object service, ApiRequest request) {
                throw failure;
            }
        };
    }
}
