package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
    private static final Instant NOW = Instant.parse("2025-11-23T09:14:40.967Z");
    private final EventFactory factory = new EventFactory(Clock.fixed(NOW, ZoneOffset.UTC), () -> "request-1");
    private final Route route = Route.of("GET", "/s3/multipart/{uploadId}/{partNumber}", "PresignPart");
    private final RouteMatcher.RouteMatch match = new RouteMatcher.RouteMatch(route, Map.of("uploadId", "a b", "partNumber", "3"));

    private static GatewayRequest request(String method, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return new GatewayRequest(method, "/s3/multipart/a%20b/3", rawQuery, headers, body, "127.0.0.1", 3000);
    }

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void create_getRequest_fillsTopLevelFieldsLikeApiGateway() {
        APIGatewayV2HTTPEvent event = factory.create(request("GET", "key=a%2Fb&x=1", headers("Host", "127.0.0.1:3000"), new byte[0]),
                "/s3/multipart/a b/3", match);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /s3/multipart/{uploadId}/{partNumber}");
        assertThat(event.getRawPath()).isEqualTo("/s3/multipart/a b/3");
        assertThat(event.getRawQueryString()).isEqualTo("key=a%2Fb&x=1");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("uploadId", "a b", "partNumber", "3"));
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getCookies()).isNull();
    }

    @Test
    void create_anyRequest_fillsRequestContext() {
        APIGatewayV2HTTPEvent event = factory.create(request("GET", null,
                headers("Host", "127.0.0.1:3000", "User-Agent", "curl/8"), new byte[0]), "/s3/multipart/a b/3", match);

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getAccountId()).isEqualTo("000000000000");
        assertThat(context.getApiId()).isEqualTo("local");
        assertThat(context.getDomainName()).isEqualTo("127.0.0.1:3000");
        assertThat(context.getDomainPrefix()).isEqualTo("127");
        assertThat(context.getRequestId()).isEqualTo("request-1");
        assertThat(context.getRouteKey()).isEqualTo(event.getRouteKey());
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTime()).isEqualTo("23/Nov/2025:09:14:40 +0000");
        assertThat(context.getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/s3/multipart/a b/3");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8");
    }

    @Test
    void create_headers_areLowerCaseWithRepeatsJoinedAndForwardingAdded() {
        APIGatewayV2HTTPEvent event = factory.create(request("GET", null,
                headers("Accept", "text/html", "X-Custom", "one", "x-custom", "two"), new byte[0]), "/p", match);

        assertThat(event.getHeaders())
                .containsEntry("accept", "text/html")
                .containsEntry("x-custom", "one,two")
                .containsEntry("x-forwarded-for", "127.0.0.1")
                .containsEntry("x-forwarded-port", "3000")
                .containsEntry("x-forwarded-proto", "http")
                .allSatisfy((name, value) -> assertThat(name).isLowerCase());
    }

    @Test
    void create_cookieHeaders_moveToCookiesField() {
        APIGatewayV2HTTPEvent event = factory.create(request("GET", null,
                headers("Cookie", "a=1; b=2", "Cookie", "c=3"), new byte[0]), "/p", match);

        assertThat(event.getCookies()).containsExactly("a=1", "b=2", "c=3");
        assertThat(event.getHeaders()).doesNotContainKey("cookie");
    }

    @Test
    void queryParameters_decodesPercentAndPlusAndJoinsRepeats() {
        assertThat(EventFactory.queryParameters("filename=my+file%20name.txt&type=image%2Fpng&n=1&n=2&empty&metadata%5Bname%5D=x"))
                .containsExactly(
                        Map.entry("filename", "my file name.txt"),
                        Map.entry("type", "image/png"),
                        Map.entry("n", "1,2"),
                        Map.entry("empty", ""),
                        Map.entry("metadata[name]", "x"));
    }

    @Test
    void queryParameters_noQuery_isNull() {
        assertThat(EventFactory.queryParameters(null)).isNull();
        assertThat(EventFactory.queryParameters("")).isNull();
    }

    @Test
    void queryParameters_malformedEscape_isRefused() {
        // The gateway answers such a request 400 before building an event (HostileHttpIT).
        assertThatThrownBy(() -> EventFactory.queryParameters("a=%zz&b=%E2%82%AC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_jsonBody_isPlainText() {
        byte[] body = "{\"filename\":\"ä.txt\"}".getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = factory.create(request("POST", null,
                headers("Content-Type", "application/json; charset=utf-8"), body), "/p", match);

        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"filename\":\"ä.txt\"}");
    }

    @Test
    void create_binaryOrUntypedBody_isBase64() {
        byte[] body = {0, 1, 2, (byte) 0xff};
        APIGatewayV2HTTPEvent binary = factory.create(request("POST", null,
                headers("Content-Type", "application/octet-stream"), body), "/p", match);
        APIGatewayV2HTTPEvent untyped = factory.create(request("POST", null, headers(), body), "/p", match);

        assertThat(binary.getIsBase64Encoded()).isTrue();
        assertThat(binary.getBody()).isEqualTo("AAEC/w==");
        assertThat(untyped.getIsBase64Encoded()).isTrue();
        assertThat(untyped.getBody()).isEqualTo("AAEC/w==");
    }

    @Test
    void isText_followsHttpApiTextTypes() {
        assertThat(EventFactory.isText("text/plain")).isTrue();
        assertThat(EventFactory.isText("TEXT/CSV")).isTrue();
        assertThat(EventFactory.isText("application/json")).isTrue();
        assertThat(EventFactory.isText("application/xml")).isTrue();
        assertThat(EventFactory.isText("application/javascript")).isTrue();
        assertThat(EventFactory.isText("application/x-www-form-urlencoded")).isFalse();
        assertThat(EventFactory.isText("multipart/form-data; boundary=x")).isFalse();
        assertThat(EventFactory.isText(null)).isFalse();
    }

    @Test
    void create_routeWithoutParameters_hasNullPathParameters() {
        RouteMatcher.RouteMatch plain = new RouteMatcher.RouteMatch(Route.of("GET", "/s3/params", "P"), Map.of());

        APIGatewayV2HTTPEvent event = factory.create(request("GET", "filename=a", headers(), new byte[0]), "/s3/params", plain);

        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("filename", "a"));
    }
}
