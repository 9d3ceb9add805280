package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request as API Gateway would: a CORS preflight from the API's CorsConfiguration, a
 * route by invoking its handler with a payload 2.0 event, and anything else from the static files
 * or as a 404 in the contract's error shape.
 */
final class GatewayHandler implements HttpHandler {
    /** API Gateway's limit on a request's payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** How much of an oversized body is read past the limit, so the client can still read the 413. */
    private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final RouteMatcher routes;
    private final Map<String, HandlerInvoker> handlers;
    private final Optional<CorsPolicy> cors;
    private final StaticFiles staticFiles;
    private final EventFactory events;
    private final Clock clock;
    private final PrintStream functionLog;
    private final Optional<SigV4Verifier> iamAuth;

    GatewayHandler(List<Route> routes, Map<String, HandlerInvoker> handlers, Optional<CorsPolicy> cors,
                   StaticFiles staticFiles, Clock clock, PrintStream functionLog) {
        this(routes, handlers, cors, staticFiles, clock, functionLog, Optional.empty());
    }

    /**
     * @param handlers    function logical id to its loaded handler; every route's function must be here
     * @param functionLog where handlers' LambdaLogger output goes
     * @param iamAuth     when present, every route requires a SigV4 signature as AWS_IAM does
     */
    GatewayHandler(List<Route> routes, Map<String, HandlerInvoker> handlers, Optional<CorsPolicy> cors,
                   StaticFiles staticFiles, Clock clock, PrintStream functionLog, Optional<SigV4Verifier> iamAuth) {
        for (Route route : routes) {
            if (!handlers.containsKey(route.functionId())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " names " + route.functionId()
                        + ", which has no handler");
            }
        }
        this.routes = new RouteMatcher(routes);
        this.handlers = Map.copyOf(handlers);
        this.cors = cors;
        this.staticFiles = staticFiles;
        this.events = new EventFactory(clock, () -> UUID.randomUUID().toString());
        this.clock = clock;
        this.functionLog = functionLog;
        this.iamAuth = iamAuth;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        } catch (IOException e) {
            // The client went away mid-answer; nothing left to tell it.
            LOG.debug("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            // A bug in the gateway itself: the stack goes to the log, the client gets the contract's JSON.
            LOG.error("{} {} failed in the gateway", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                sendError(exchange, 500, "InternalError", "the local gateway failed: " + e, Map.of());
            } catch (IOException | RuntimeException alreadyAnswering) {
                LOG.debug("could not send the 500 as well: {}", alreadyAnswering.toString());
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        Map<String, String> corsHeaders = cors.map(policy -> policy.responseHeaders(origin)).orElse(Map.of());
        if (cors.isPresent() && CorsPolicy.isPreflight(method, origin,
                exchange.getRequestHeaders().getFirst("Access-Control-Request-Method"))) {
            send(exchange, 204, cors.get().preflightHeaders(origin), new byte[0]);
            return;
        }
        Optional<String> decodedPath = PercentDecoding.path(rawPath == null ? "/" : rawPath);
        if (decodedPath.isEmpty()) {
            sendError(exchange, 400, "InvalidRequest", "the path " + rawPath + " is not valid percent-encoded UTF-8", corsHeaders);
            return;
        }
        String path = decodedPath.get();
        Optional<RouteMatcher.RouteMatch> match = routes.match(method, segments(path));
        if (match.isPresent()) {
            invoke(exchange, method, path, match.get(), corsHeaders);
            return;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            Optional<StaticFiles.StaticFile> file = staticFiles.find(path);
            if (file.isPresent()) {
                Map<String, String> headers = Map.of("Content-Type", file.get().contentType(), "Cache-Control", "no-cache");
                send(exchange, 200, headers, method.equals("HEAD") ? null : file.get().content());
                return;
            }
        }
        sendError(exchange, 404, "NotFound", "No route for " + method + " " + rawPath, corsHeaders);
    }

    private void invoke(HttpExchange exchange, String method, String path, RouteMatcher.RouteMatch match,
                        Map<String, String> corsHeaders) throws IOException {
        Optional<byte[]> body = readBody(exchange);
        if (body.isEmpty()) {
            sendError(exchange, 413, "EntityTooLarge", "the request body is larger than API Gateway's limit of "
                    + MAX_BODY_BYTES + " bytes", corsHeaders);
            return;
        }
        GatewayRequest request = new GatewayRequest(method, exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body.get(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getLocalAddress().getPort());
        Optional<IamIdentity> caller = Optional.empty();
        if (iamAuth.isPresent()) {
            try {
                caller = Optional.of(iamAuth.get().verify(request, clock.instant()));
            } catch (SigV4Verifier.Refused e) {
                // API Gateway refuses before the function runs; the contract's 401 names the reason.
                sendError(exchange, 401, "Unauthorized", e.getMessage(), corsHeaders);
                return;
            }
        }
        APIGatewayV2HTTPEvent event = events.create(request, path, match, caller);
        HandlerInvoker handler = handlers.get(match.route().functionId());
        LocalContext context = new LocalContext(handler.function(), UUID.randomUUID().toString(), clock, functionLog);
        Map<String, String> gatewayHeaders = new LinkedHashMap<>(corsHeaders);
        gatewayHeaders.put("Apigw-Requestid", event.getRequestContext().getRequestId());
        APIGatewayV2HTTPResponse response;
        try {
            response = handler.invoke(event, context);
        } catch (HandlerInvoker.HandlerFailedException e) {
            LOG.error("{} failed on {} (request {})", handler.function().logicalId(), match.route().routeKey(),
                    event.getRequestContext().getRequestId(), e.getCause());
            sendError(exchange, 500, "InternalError", e.getMessage(), gatewayHeaders);
            return;
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            String problem = response == null ? "returned no response" : "returned status " + response.getStatusCode();
            LOG.error("{} {} on {}", handler.function().logicalId(), problem, match.route().routeKey());
            sendError(exchange, 500, "InternalError", handler.function().logicalId() + " " + problem, gatewayHeaders);
            return;
        }
        writeLambdaResponse(exchange, response, gatewayHeaders);
    }

    /**
     * The body, or empty when it is larger than the limit. An oversized body that is not too huge
     * is still read and thrown away: closing a connection with unread bytes resets it, and the
     * client would lose the 413 answer along with it.
     */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = -1;
        if (declared != null) {
            try {
                declaredLength = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                // The server has already refused a malformed length; a chunked body is counted below.
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declaredLength > MAX_BODY_BYTES) {
                discard(in);
                return Optional.empty();
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (body.size() + read > MAX_BODY_BYTES) {
                    discard(in);
                    return Optional.empty();
                }
                body.write(buffer, 0, read);
            }
            return Optional.of(body.toByteArray());
        }
    }

    /** Reads and drops up to {@link #MAX_DISCARDED_BYTES}; past that the connection is closed on the client. */
    private static void discard(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        for (int read; discarded < MAX_DISCARDED_BYTES && (read = in.read(buffer)) >= 0; ) {
            discarded += read;
        }
    }

    /**
     * The function's answer as API Gateway passes it on: headers, multi-value headers and cookies,
     * the body base64-decoded when the function says so. CORS headers are the API's, never the
     * function's, and the server computes the length itself.
     */
    private static void writeLambdaResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response,
                                            Map<String, String> gatewayHeaders) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (passesThrough(name) && values != null) {
                    values.forEach(value -> headers.add(name, value));
                }
            });
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (passesThrough(name) && value != null) {
                    headers.set(name, value);
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        }
        byte[] body;
        if (response.getBody() == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            body = Base64.getMimeDecoder().decode(response.getBody());
        } else {
            body = response.getBody().getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > 0 && !headers.containsKey("Content-Type")) {
            // Payload 2.0 answers without a content type are sent as JSON.
            headers.set("Content-Type", JSON);
        }
        send(exchange, response.getStatusCode(), gatewayHeaders, body);
    }

    private static boolean passesThrough(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        return !lower.startsWith("access-control-") && !lower.equals("content-length")
                && !lower.equals("transfer-encoding") && !lower.equals("connection");
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message,
                                  Map<String, String> extraHeaders) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        send(exchange, status, headers, ErrorBodies.json(code, message));
    }

    /** A null body means the headers of a body without the body, as a HEAD answer has. */
    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        if (head || body == null || body.length == 0 || status == 204 || status == 304) {
            // -1: no body at all (0 would announce a chunked one).
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The decoded path's segments: "/" is none, "/a/b" is [a, b], "/a/" is [a, ""]. */
    static List<String> segments(String decodedPath) {
        if (decodedPath.equals("/") || decodedPath.isEmpty()) {
            return List.of();
        }
        String path = decodedPath.startsWith("/") ? decodedPath.substring(1) : decodedPath;
        return List.of(path.split("/", -1));
    }
}
