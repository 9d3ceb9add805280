package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway over real HTTP on a free port, with the test template's routes and the test
 * handlers: what a client sees, and what event the handler receives.
 */
class LambdaGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Map<String, String> OVERRIDES = Map.of(
            "BUCKET_NAME", "test-bucket", "AWS_REGION", "us-east-1", "S3_ENDPOINT_URL", "http://127.0.0.1:1");

    @TempDir
    static Path temp;
    private static LambdaGateway gateway;
    private static final ByteArrayOutputStream FUNCTION_LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        Path web = Files.createDirectory(temp.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<title>test page</title>");
        Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        SamTemplate template = TestTemplates.gateway();
        IntrinsicResolver resolver = TestTemplates.resolver(template);
        TemplateRoutes api = TemplateRoutes.read(template, resolver);
        Map<String, FunctionInvoker> handlers = new LinkedHashMap<>();
        PrintStream log = new PrintStream(FUNCTION_LOG, true, StandardCharsets.UTF_8);
        for (FunctionDefinition function : api.functions()) {
            // The test handlers live on this class path: they run in process (the runtime path: RuntimeInvokeIT).
            handlers.put(function.logicalId(), new InProcessInvoker(HandlerInvoker.load(function,
                    LambdaEnvironment.of(function, resolver, OVERRIDES), LambdaGatewayTest.class.getClassLoader()), Clock.systemUTC(), log));
        }
        gateway = LambdaGateway.bind(0);
        gateway.start(new GatewayHandler(api.routes(), handlers, api.cors(), StaticFiles.fromDirectory(web), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + rawPathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void get_batchPath_reachesBatchRouteWithDecodedParameter() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items/id%20with%2Bplus/batch?partNumbers=1,2&name=a+b%20c")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = json(response);
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /items/{id}/batch");
        assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("id with+plus");
        assertThat(event.get("rawPath").asText()).isEqualTo("/items/id with+plus/batch");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("partNumbers=1,2&name=a+b%20c");
        assertThat(event.get("queryStringParameters").get("name").asText()).isEqualTo("a b c");
        assertThat(event.get("queryStringParameters").get("partNumbers").asText()).isEqualTo("1,2");
    }

    @Test
    void get_partNumberPath_reachesParameterRoute() throws Exception {
        JsonNode event = json(send(HttpRequest.newBuilder(uri("/items/abc/7"))));

        assertThat(event.get("routeKey").asText()).isEqualTo("GET /items/{id}/{part}");
        assertThat(event.get("pathParameters").get("part").asText()).isEqualTo("7");
        // The event JSON leaves out what is absent, as API Gateway's does; the query string is always there.
        assertThat(event.has("queryStringParameters")).isFalse();
        assertThat(event.get("rawQueryString").asText()).isEmpty();
    }

    @Test
    void get_route_eventCarriesRequestContextAndLambdaContext() throws Exception {
        JsonNode event = json(send(HttpRequest.newBuilder(uri("/items/abc/7")).header("User-Agent", "gateway-test")));

        JsonNode context = event.get("requestContext");
        assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asText()).isEqualTo("local");
        assertThat(context.get("domainName").asText()).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("requestId").asText()).hasSize(36);
        assertThat(context.get("http").get("method").asText()).isEqualTo("GET");
        assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("http").get("userAgent").asText()).isEqualTo("gateway-test");
        assertThat(event.get("headers").get("user-agent").asText()).isEqualTo("gateway-test");
        assertThat(event.get("contextFunctionName").asText()).isEqualTo("EchoFunction");
        assertThat(event.get("contextRemainingMillis").asInt()).isBetween(1, 5000);
        assertThat(event.get("contextMemory").asInt()).isEqualTo(512);
        assertThat(FUNCTION_LOG.toString(StandardCharsets.UTF_8)).contains("[EchoFunction ").contains("echoing GET /items/{id}/{part}");
    }

    @Test
    void post_jsonBody_arrivesAsText() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ä\"}")));

        JsonNode event = json(response);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /items");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("{\"name\":\"ä\"}");
    }

    @Test
    void post_binaryBody_arrivesBase64Encoded() throws Exception {
        JsonNode event = json(send(HttpRequest.newBuilder(uri("/items"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, (byte) 0xff}))));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.get("body").asText()).isEqualTo("AAEC/w==");
    }

    @Test
    void post_bodyOverApiGatewayLimit_is413Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[GatewayHandler.MAX_BODY_BYTES + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asText()).isEqualTo("EntityTooLarge");
    }

    @Test
    void get_env_handlerWasConstructedWithResolvedEnvironment() throws Exception {
        JsonNode environment = json(send(HttpRequest.newBuilder(uri("/env"))));

        assertThat(environment.get("BUCKET_NAME").asText()).isEqualTo("test-bucket");
        assertThat(environment.get("GREETING").asText()).isEqualTo("hello");
        assertThat(environment.get("S3_ENDPOINT_URL").asText()).isEqualTo("http://127.0.0.1:1");
        assertThat(environment.has("PATH")).isFalse();
    }

    @Test
    void get_binaryResponse_isDecodedWithHeadersAndCookies() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(uri("/binary"))
                .header("Origin", "http://app.example").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).containsExactly(0, 1, 2, 0xff);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(response.headers().firstValue("x-request-id")).contains("abc");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("session=1; Path=/");
        // The API's CORS configuration, not the function, decides the CORS headers.
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://app.example");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).contains("x-request-id");
        assertThat(response.headers().firstValue("Vary")).contains("Origin");
    }

    @Test
    void options_preflightFromAllowedOrigin_is204WithCorsConfiguration() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET,POST,DELETE");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type,authorization");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("300");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void options_preflightFromOtherOrigin_hasNoCorsHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void get_unknownRoute_is404Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/foo")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"code\":\"NotFound\",\"message\":\"No route for GET /foo\"}");
    }

    @Test
    void put_pathOfAnotherMethodsRoute_is404Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).isEqualTo("No route for PUT /items");
    }

    @Test
    void anyMethod_throwingHandler_is500JsonWithoutStackTrace() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/boom"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("InternalError");
        assertThat(body.get("message").asText()).contains("FailingFunction").doesNotContain("\tat ");
    }

    @Test
    void get_root_servesStaticIndex() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("<title>test page</title>");
    }

    @Test
    void get_encodedTraversal_isRefusedWithJson() throws Exception {
        for (String path : List.of("/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2E%2E%5Csecret.txt")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));

            // A path above the root is refused by the HTTP layer (400), an encoded one by the static files (404).
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(json(response).get("code").asText()).as(path).isIn("InvalidRequest", "NotFound");
            assertThat(response.body()).as(path).doesNotContain("TOP-SECRET-CONTENT");
        }
    }

    @Test
    void get_pathEscapeThatIsNotUtf8_is400Json() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/items/%ff/batch")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("InvalidRequest");
    }
}
