package dev.uploadgate.client.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.uploadgate.functions.handler.AbortMultipartHandler;
import dev.uploadgate.functions.handler.CompleteMultipartHandler;
import dev.uploadgate.functions.handler.CreateMultipartHandler;
import dev.uploadgate.functions.handler.ListPartsHandler;
import dev.uploadgate.functions.handler.PresignObjectHandler;
import dev.uploadgate.functions.handler.PresignPartHandler;
import dev.uploadgate.functions.testing.LambdaRuntime;
import dev.uploadgate.functions.testing.RecordingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's routes on a loopback port, each served by its real handler class built from an
 * environment (as Lambda and local mode build them) and called with a payload 2.0 event's JSON, as
 * API Gateway and Lambda would. A stand-in for local mode while its jar does not exist. Logs every call, and can
 * answer a chosen call with an error instead (API retries).
 */
public final class ApiServer implements AutoCloseable {
    private record Route(String method, Pattern path, String routeKey, List<String> parameters,
                         RequestStreamHandler handler) {
    }

    /** One API call: its method, route, query and headers. */
    public record Call(String method, String routeKey, Map<String, String> query, Map<String, List<String>> headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Route> routes;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Integer> faults = call -> 0;

    private ApiServer(Map<String, String> environment) throws IOException {
        PresignPartHandler presignPart = new PresignPartHandler(environment);
        PresignObjectHandler presignObject = new PresignObjectHandler(environment);
        // Literal segments first: API Gateway prefers /batch and /complete over {partNumber}.
        routes = List.of(
                route("POST", "/s3/multipart", new CreateMultipartHandler(environment)),
                route("GET", "/s3/multipart/{uploadId}/batch", presignPart),
                route("POST", "/s3/multipart/{uploadId}/complete", new CompleteMultipartHandler(environment)),
                route("GET", "/s3/multipart/{uploadId}/{partNumber}", presignPart),
                route("GET", "/s3/multipart/{uploadId}", new ListPartsHandler(environment)),
                route("DELETE", "/s3/multipart/{uploadId}", new AbortMultipartHandler(environment)),
                route("GET", "/s3/params", presignObject),
                route("GET", "/s3/download", presignObject));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ApiServer start(Map<String, String> environment) throws IOException {
        return new ApiServer(environment);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Answers a call with the returned status (a JSON error) instead of running it, when it is
     * positive; runs it and then answers with the status when it is negative (an answer lost).
     */
    public void faults(Function<Call, Integer> faults) {
        this.faults = faults;
    }

    public void reset() {
        faults = call -> 0;
        calls.clear();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private static Route route(String method, String template, RequestStreamHandler handler) {
        List<String> parameters = new java.util.ArrayList<>();
        Matcher names = Pattern.compile("\\{(\\w+)}").matcher(template);
        while (names.find()) {
            parameters.add(names.group(1));
        }
        Pattern path = Pattern.compile(template.replaceAll("\\{\\w+}", "([^/]+)"));
        return new Route(method, path, method + " " + template, parameters, handler);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            for (Route route : routes) {
                Matcher m = route.path().matcher(uri.getRawPath());
                if (!route.method().equals(method) || !m.matches()) {
                    continue;
                }
                Call call = new Call(method, route.routeKey(), QueryStrings.parse(uri.getRawQuery()), Map.copyOf(exchange.getRequestHeaders()));
                calls.add(call);
                int fault = faults.apply(call);
                if (fault > 0) {
                    respond(exchange, fault, Map.of("content-type", "application/json"),
                            "{\"code\":\"ServiceUnavailable\",\"message\":\"injected by the test\"}");
                    return;
                }
                Map<String, String> pathParameters = new LinkedHashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    pathParameters.put(route.parameters().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
                APIGatewayV2HTTPEvent event = event(route, exchange, pathParameters, body);
                APIGatewayV2HTTPResponse response = LambdaRuntime.invoke(route.handler(), event, new RecordingContext());
                if (fault < 0) {
                    respond(exchange, -fault, Map.of("content-type", "application/json"),
                            "{\"code\":\"ServiceUnavailable\",\"message\":\"answer lost, injected by the test\"}");
                    return;
                }
                String text = response.getBody() == null ? "" : response.getIsBase64Encoded()
                        ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8) : response.getBody();
                respond(exchange, response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(), text);
                return;
            }
            respond(exchange, 404, Map.of("content-type", "application/json"), "{\"code\":\"NotFound\",\"message\":\"no such route\"}");
        }
    }

    private static APIGatewayV2HTTPEvent event(Route route, HttpExchange exchange, Map<String, String> pathParameters, byte[] body) {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(headers)
                .withBody(body.length == 0 ? null : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod()).withPath(uri.getRawPath())
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
