package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * API calls signed with SigV4 for execute-api: the signature that arrives must be the one the
 * SDK's signer computes for the request as received (host with port, encoded path and query),
 * which is what API Gateway's AWS_IAM check does.
 */
class ApiSigningTest {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private HttpServer server;
    private final AtomicReference<Received> received = new AtomicReference<>();

    private record Received(String method, URI uri, Map<String, List<String>> headers) {
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            received.set(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void abort_withCredentials_carriesAValidExecuteApiSignature() {
        AwsSessionCredentials credentials = AwsSessionCredentials.create("AKIDEXAMPLE", "secret/example", "session-token");
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prod");
        Uploader uploader = Uploader.builder().apiUrl(api).credentials(StaticCredentialsProvider.create(credentials))
                .region("eu-west-1").build();

        uploader.abort("uploads/public/id/a file+name.txt", "upload/id+with=chars");

        Received request = received.get();
        String authorization = request.headers().get("authorization").get(0);
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/execute-api/aws4_request");
        assertThat(request.headers().get("x-amz-security-token")).containsExactly("session-token");
        assertThat(request.uri().getRawPath()).isEqualTo("/prod/s3/multipart/upload%2Fid%2Bwith%3Dchars");
        assertThat(authorization).isEqualTo(recomputed(request, credentials));
    }

    @Test
    void calls_withoutCredentials_areNotSigned() {
        Uploader.builder().apiUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build().abort("k", "u");

        assertThat(received.get().headers()).doesNotContainKey("authorization");
    }

    @Test
    void regionOf_executeApiUrl_isItsRegion() {
        assertThat(ApiSigner.regionOf(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"))).contains("eu-west-1");
        assertThat(ApiSigner.regionOf(URI.create("http://127.0.0.1:8080"))).isEmpty();
        AwsBasicCredentials.create("a", "b"); // the basic type signs too; only the session one adds a token
    }

    /** What the SDK's signer computes for the request as the server received it, at the time it carries. */
    private static String recomputed(Received request, AwsSessionCredentials credentials) {
        String signedHeaders = request.headers().get("authorization").get(0).replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + request.headers().get("host").get(0) + request.uri().getRawPath() + "?" + request.uri().getRawQuery()));
        for (String name : signedHeaders.split(";")) {
            if (!name.equals("host")) {
                rebuilt.putHeader(name, request.headers().get(name));
            }
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(request.headers().get("x-amz-date").get(0)));
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity(credentials)
                        .request(rebuilt.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
