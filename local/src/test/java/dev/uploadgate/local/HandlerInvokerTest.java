package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Handlers are called as Lambda calls a stream handler: event JSON bytes in, response JSON bytes out. */
class HandlerInvokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void invoke_streamHandler_getsTheEventAsPayload2Json() throws IOException {
        HandlerInvoker invoker = load(EchoHandler.class);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /items")
                .withRawPath("/items").withRawQueryString("a=1").withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-1").build()).build();

        APIGatewayV2HTTPResponse response = invoker.invoke(event, context());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode received = JSON.readTree(response.getBody());
        assertThat(received.get("version").asText()).isEqualTo("2.0");
        assertThat(received.get("rawQueryString").asText()).isEqualTo("a=1");
        assertThat(received.get("isBase64Encoded").isBoolean()).isTrue();
        assertThat(received.get("requestContext").get("requestId").asText()).isEqualTo("r-1");
    }

    @Test
    void load_handlerWithInEnvironment_readsLocalModesVariablesNotTheProcesss() throws IOException {
        HandlerInvoker invoker = HandlerInvoker.load(function("EchoFunction", EchoHandler.class), Map.of("BUCKET_NAME", "given-bucket"),
                getClass().getClassLoader());
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /env").withRawPath("/env")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-2").build()).build();

        JsonNode environment = JSON.readTree(invoker.invoke(event, context()).getBody());

        assertThat(environment.get("BUCKET_NAME").asText()).isEqualTo("given-bucket");
        assertThat(environment.has("PATH")).as("the process's own variables").isFalse();
    }

    @Test
    void load_constructorThatThrows_isRefusedNamingTheFunctionAndTheCause() {
        for (Class<?> handler : List.of(ExplodingHandler.class, ExplodingInEnvironmentHandler.class)) {
            assertThatThrownBy(() -> load(handler))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining(handler.getSimpleName().replace("Handler", "Function"))
                    .hasMessageContaining("failed to start").hasMessageContaining("BUCKET_NAME is required");
        }
    }

    @Test
    void invoke_handlerWritingNonJson_failsAsTheGatewaysInternalError() {
        HandlerInvoker invoker = load(GarbageHandler.class);

        assertThatThrownBy(() -> invoker.invoke(new APIGatewayV2HTTPEvent(), context()))
                .isInstanceOf(HandlerInvoker.HandlerFailedException.class)
                .hasMessageContaining("GarbageFunction").hasMessageContaining("not payload 2.0 JSON");
    }

    @Test
    void load_typedHandlerWithoutAStreamMethod_isRefusedNamingTheFunction() {
        FunctionDefinition function = function("TypedFunction", TypedHandler.class);

        assertThatThrownBy(() -> HandlerInvoker.load(function, Map.of(), getClass().getClassLoader()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("TypedFunction").hasMessageContaining("(InputStream, OutputStream, Context)");
    }

    private static HandlerInvoker load(Class<?> handler) {
        return HandlerInvoker.load(function(handler.getSimpleName().replace("Handler", "Function"), handler), Map.of(),
                HandlerInvokerTest.class.getClassLoader());
    }

    private static FunctionDefinition function(String logicalId, Class<?> handler) {
        return new FunctionDefinition(logicalId, handler.getName(), "handleRequest", 3, 512, Map.of());
    }

    private static Context context() {
        return new LocalContext(function("EchoFunction", EchoHandler.class), "r-1", Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Writes something API Gateway could not read as a response. */
    public static final class GarbageHandler implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write("<html>not json".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The typed shape the functions had before issue 6; local mode now runs only stream handlers. */
    public static final class TypedHandler {
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        }
    }

    /** A constructor that fails, as a handler missing a variable does. */
    public static final class ExplodingHandler implements RequestStreamHandler {
        public ExplodingHandler() {
            throw new IllegalStateException("BUCKET_NAME is required");
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            throw new AssertionError("never constructed");
        }
    }

    /** The same failure, raised inside the handler's {@code inEnvironment}. */
    public static final class ExplodingInEnvironmentHandler implements RequestStreamHandler {
        public ExplodingInEnvironmentHandler() {
            throw new IllegalStateException("BUCKET_NAME is required");
        }

        public static ExplodingInEnvironmentHandler inEnvironment(Map<String, String> environment, Supplier<ExplodingInEnvironmentHandler> constructor) {
            return constructor.get();
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            throw new AssertionError("never constructed");
        }
    }
}
