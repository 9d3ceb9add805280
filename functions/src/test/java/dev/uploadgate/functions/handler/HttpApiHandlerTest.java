package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiHandlerTest {

    @Test
    void handleRequest_operationResult_isA200JsonAnswerThatNoCacheKeeps() {
        APIGatewayV2HTTPResponse response = handlerReturning(Map.of("ok", true)).handleRequest(new APIGatewayV2HTTPEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("{\"ok\":true}");
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json").containsEntry("cache-control", "no-store");
    }

    @Test
    void handleRequest_apiException_isRenderedAsTheContractError() {
        APIGatewayV2HTTPResponse response = handlerThrowing(new ApiException(ErrorCode.NO_SUCH_UPLOAD, "upload 'x' does not exist"))
                .handleRequest(new APIGatewayV2HTTPEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo("{\"code\":\"NoSuchUpload\",\"message\":\"upload 'x' does not exist\"}");
    }

    @Test
    void handleRequest_bug_isA500JsonWithoutTheStackTrace() {
        APIGatewayV2HTTPResponse response = handlerThrowing(new IllegalStateException("secret internals"))
                .handleRequest(new APIGatewayV2HTTPEvent(), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("\"code\":\"InternalError\"").doesNotContain("secret internals").doesNotContain("at dev.");
    }

    @Test
    void handleRequest_nullEvent_isInvalidRequest() {
        APIGatewayV2HTTPResponse response = handlerReturning("unused").handleRequest(null, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("InvalidRequest");
    }

    private static HttpApiHandler handlerReturning(Object result) {
        return new HttpApiHandler() {
            @Override
            Object handle(ApiRequest request) {
                return result;
            }
        };
    }

    private static HttpApiHandler handlerThrowing(RuntimeException failure) {
        return new HttpApiHandler() {
            @Override
            Object handle(ApiRequest request) {
                throw failure;
            }
        };
    }
}
