package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.uploadgate.functions.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request as API Gateway would: a CORS preflight from the API's CorsConfiguration, a
 * route by invoking its handler with a payload 2.0 event, and anything else from the static files
 * or as a 404 in the contract's error shape. Knows nothing of HTTP servers: {@link LambdaGateway}
 * reads the request and writes the answer.
 */
final class GatewayHandler {
    /** API Gateway's limit on a request's payload. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final RouteMatcher routes;
    private final Map<String, FunctionInvoker> handlers;
    private final Optional<CorsPolicy> cors;
    private final StaticFiles staticFiles;
    private final EventFactory events;
    private final Clock clock;
    private final Optional<SigV4Verifier> iamAuth;

    GatewayHandler(List<Route> routes, Map<String, FunctionInvoker> handlers, Optional<CorsPolicy> cors,
                   StaticFiles staticFiles, Clock clock) {
        this(routes, handlers, cors, staticFiles, clock, Optional.empty());
    }

    /**
     * @param handlers function logical id to its invoker; every route's function must be here
     * @param iamAuth  when present, every route requires a SigV4 signature as AWS_IAM does
     */
    GatewayHandler(List<Route> routes, Map<String, FunctionInvoker> handlers, Optional<CorsPolicy> cors,
                   StaticFiles staticFiles, Clock clock, Optional<SigV4Verifier> iamAuth) {
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
        this.iamAuth = iamAuth;
    }

    /**
     * @param request      the request; its body is empty when it was too large
     * @param bodyTooLarge the body was larger than {@link #MAX_BODY_BYTES}, so it was not kept
     */
    GatewayResponse answer(GatewayRequest request, boolean bodyTooLarge) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String rawPath = request.rawPath();
        String origin = request.header("Origin");
        Map<String, String> corsHeaders = cors.map(policy -> policy.responseHeaders(origin)).orElse(Map.of());
        if (cors.isPresent() && CorsPolicy.isPreflight(method, origin, request.header("Access-Control-Request-Method"))) {
            return response(204, cors.get().preflightHeaders(origin), new byte[0]);
        }
        Optional<String> decodedPath = PercentDecoding.path(rawPath.isEmpty() ? "/" : rawPath);
        if (decodedPath.isEmpty()) {
            return GatewayResponse.error(ErrorCode.INVALID_REQUEST, "the path " + rawPath + " is not valid percent-encoded UTF-8", corsHeaders);
        }
        String path = decodedPath.get();
        Optional<RouteMatcher.RouteMatch> match = routes.match(method, segments(path));
        if (match.isPresent()) {
            return invoke(request, path, match.get(), corsHeaders, bodyTooLarge);
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            Optional<StaticFiles.StaticFile> file = staticFiles.find(path);
            if (file.isPresent()) {
                return response(200, Map.of("Content-Type", file.get().contentType(), "Cache-Control", "no-cache"), file.get().content());
            }
        }
        return GatewayResponse.error(ErrorCode.NOT_FOUND, "No route for " + method + " " + rawPath, corsHeaders);
    }

    private GatewayResponse invoke(GatewayRequest request, String path, RouteMatcher.RouteMatch match,
                                   Map<String, String> corsHeaders, boolean bodyTooLarge) {
        if (bodyTooLarge) {
            return GatewayResponse.error(ErrorCode.ENTITY_TOO_LARGE, "the request body is larger than API Gateway's limit of "
                    + MAX_BODY_BYTES + " bytes", corsHeaders);
        }
        if (request.rawQuery() != null && QueryStrings.parse(request.rawQuery()).isEmpty()) {
            return GatewayResponse.error(ErrorCode.INVALID_REQUEST, "the query string " + request.rawQuery()
                    + " is not valid percent-encoded UTF-8", corsHeaders);
        }
        Optional<IamIdentity> caller = Optional.empty();
        if (iamAuth.isPresent()) {
            try {
                caller = Optional.of(iamAuth.get().verify(request, clock.instant()));
            } catch (SigV4Verifier.Refused e) {
                // API Gateway refuses before the function runs; the contract's 401 names the reason.
                return GatewayResponse.error(ErrorCode.UNAUTHORIZED, e.getMessage(), corsHeaders);
            }
        }
        APIGatewayV2HTTPEvent event = events.create(request, path, match, caller);
        FunctionInvoker handler = handlers.get(match.route().functionId());
        Map<String, String> gatewayHeaders = new LinkedHashMap<>(corsHeaders);
        gatewayHeaders.put("Apigw-Requestid", event.getRequestContext().getRequestId());
        APIGatewayV2HTTPResponse response;
        try {
            response = handler.invoke(event, UUID.randomUUID().toString());
        } catch (InvocationException e) {
            LOG.error("{} failed on {} (request {}): {}", handler.function().logicalId(), match.route().routeKey(),
                    event.getRequestContext().getRequestId(), e.getMessage(), e.getCause());
            // API Gateway's answers: a function error is a 500, a timeout or no capacity a 503.
            ErrorCode code = e.kind() == InvocationException.Kind.FUNCTION_ERROR ? ErrorCode.INTERNAL_ERROR : ErrorCode.SERVICE_UNAVAILABLE;
            return GatewayResponse.error(code, e.getMessage(), gatewayHeaders);
        }
        if (response == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            String problem = response == null ? "returned no response" : "returned status " + response.getStatusCode();
            LOG.error("{} {} on {}", handler.function().logicalId(), problem, match.route().routeKey());
            return GatewayResponse.error(ErrorCode.INTERNAL_ERROR, handler.function().logicalId() + " " + problem, gatewayHeaders);
        }
        return lambdaResponse(response, gatewayHeaders);
    }

    /**
     * The function's answer as API Gateway passes it on: headers, multi-value headers and cookies,
     * the body base64-decoded when the function says so. CORS headers are the API's, never the
     * function's, and the server computes the length itself.
     */
    static GatewayResponse lambdaResponse(APIGatewayV2HTTPResponse response, Map<String, String> gatewayHeaders) {
        // Case-insensitive names, as HTTP has them: a function's "content-type" and a default "Content-Type" are one header.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (passesThrough(name) && values != null) {
                    headers.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values);
                }
            });
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (passesThrough(name) && value != null) {
                    headers.put(name, new ArrayList<>(List.of(value)));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> headers.computeIfAbsent("Set-Cookie", key -> new ArrayList<>()).add(cookie));
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
            headers.put("Content-Type", List.of(JSON));
        }
        gatewayHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return new GatewayResponse(response.getStatusCode(), headers, body);
    }

    private static boolean passesThrough(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        return !lower.startsWith("access-control-") && !lower.equals("content-length")
                && !lower.equals("transfer-encoding") && !lower.equals("connection");
    }

    private static GatewayResponse response(int status, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new GatewayResponse(status, all, body);
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
