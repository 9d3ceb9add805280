package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds the payload 2.0 event API Gateway HTTP APIs send to a Lambda integration. Where the
 * service's behaviour is not spelled out in its documentation, this follows what it was observed
 * to do (see each method).
 */
final class EventFactory {
    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";
    static final String STAGE = "$default";
    /** API Gateway's own format for requestContext.time, e.g. "23/Nov/2025:09:14:40 +0000". */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** The only media types an HTTP API passes as text; every other body arrives base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/javascript");

    private final Clock clock;
    private final Supplier<String> requestIds;

    EventFactory(Clock clock, Supplier<String> requestIds) {
        this.clock = clock;
        this.requestIds = requestIds;
    }

    /**
     * @param request     the request as received
     * @param decodedPath the percent-decoded path the route was matched on
     * @param match       the route and its decoded path parameters
     */
    APIGatewayV2HTTPEvent create(GatewayRequest request, String decodedPath, RouteMatcher.RouteMatch match) {
        return create(request, decodedPath, match, Optional.empty());
    }

    /**
     * @param caller the IAM identity a verified signature proved, passed on in
     *               {@code requestContext.authorizer.iam} as AWS_IAM authorization does
     */
    APIGatewayV2HTTPEvent create(GatewayRequest request, String decodedPath, RouteMatcher.RouteMatch match,
                                 Optional<IamIdentity> caller) {
        Instant now = clock.instant();
        Map<String, String> headers = headers(request);
        String host = headers.getOrDefault("host", "127.0.0.1:" + request.localPort());
        String userAgent = headers.get("user-agent");
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withDomainName(host)
                .withDomainPrefix(domainPrefix(host))
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(request.method())
                        .withPath(decodedPath)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(request.sourceIp())
                        .withUserAgent(userAgent == null ? "" : userAgent)
                        .build())
                .withRequestId(requestIds.get())
                .withRouteKey(match.route().routeKey())
                .withStage(STAGE)
                .withTime(TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withAuthorizer(caller.map(EventFactory::iamAuthorizer).orElse(null))
                .build();
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.route().routeKey());
        // An HTTP API hands the function the decoded path as rawPath (observed: a request for
        // /a%2Fb arrives as rawPath "/a/b"); only the query string stays raw.
        event.setRawPath(decodedPath);
        event.setRawQueryString(request.rawQuery() == null ? "" : request.rawQuery());
        event.setCookies(cookies(request));
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(request.rawQuery()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : new LinkedHashMap<>(match.pathParameters()));
        setBody(event, request);
        event.setRequestContext(context);
        return event;
    }

    /**
     * Lower-case names; a header sent more than once is one entry, its values joined with ","
     * (payload 2.0 has no multi-value headers). Cookies go to their own field instead. API
     * Gateway also adds the x-forwarded-* headers a load balancer would.
     */
    static Map<String, String> headers(GatewayRequest request) {
        Map<String, List<String>> grouped = new TreeMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("cookie")) {
                grouped.computeIfAbsent(lower, key -> new ArrayList<>()).addAll(values);
            }
        });
        Map<String, String> headers = new TreeMap<>();
        grouped.forEach((name, values) -> headers.put(name, String.join(",", values)));
        String forwardedFor = headers.get("x-forwarded-for");
        headers.put("x-forwarded-for", forwardedFor == null ? request.sourceIp() : forwardedFor + ", " + request.sourceIp());
        headers.put("x-forwarded-port", String.valueOf(request.localPort()));
        headers.put("x-forwarded-proto", "http");
        return headers;
    }

    /** Each cookie of every Cookie header, as "name=value"; null when there are none. */
    static List<String> cookies(GatewayRequest request) {
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            }
        });
        return cookies.isEmpty() ? null : cookies;
    }

    /**
     * Decoded names and values ({@link QueryStrings}); null when the URL has no query, as API
     * Gateway sends it. The gateway refuses a malformed query before any event is built.
     */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = QueryStrings.parse(rawQuery).orElseThrow(
                () -> new IllegalArgumentException("a malformed query string reached the event: " + rawQuery));
        return parameters.isEmpty() ? null : parameters;
    }

    /**
     * HTTP APIs pass a body as text only when its content type is text/*, application/json,
     * application/xml or application/javascript and its bytes are UTF-8; anything else, a
     * missing content type and form posts included, arrives base64-encoded with isBase64Encoded
     * true (measured against the service, not documented by it).
     */
    static void setBody(APIGatewayV2HTTPEvent event, GatewayRequest request) {
        byte[] body = request.body();
        if (body.length == 0) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        } else if (isText(request.header("content-type")) && isUtf8(body)) {
            event.setBody(new String(body, StandardCharsets.UTF_8));
            event.setIsBase64Encoded(false);
        } else {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
    }

    /** A text body that is not UTF-8 cannot travel as a JSON string; API Gateway sends it as binary. */
    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return mediaType.startsWith("text/") || TEXT_TYPES.contains(mediaType);
    }

    /** The first label of the host name: "abc123" for abc123.execute-api.us-east-1.amazonaws.com. */
    private static String domainPrefix(String host) {
        String name = host.startsWith("[") ? host : host.replaceFirst(":\\d+$", "");
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer iamAuthorizer(IamIdentity caller) {
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                        .withAccessKey(caller.accessKey())
                        .withAccountId(caller.accountId())
                        .withCallerId(caller.userId())
                        .withUserId(caller.userId())
                        .withUserArn(caller.userArn())
                        .build())
                .build();
    }
}
