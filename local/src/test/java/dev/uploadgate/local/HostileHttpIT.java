package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile requests over real HTTP through local mode's gateway: what never reaches a handler (an
 * unknown route, a body above API Gateway's 10 MiB, a path that is not valid percent-encoding) and
 * what does (bad JSON, bad bytes). Every answer is the contract's 4xx JSON, never a 5xx or a trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHttpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int GATEWAY_LIMIT = 10 * 1024 * 1024;

    private LocalMode local;
    private String api;

    @BeforeAll
    void start() throws Exception {
        local = LocalMode.start(LocalOptions.parse(List.of("--port", "0", "--data",
                Files.createTempDirectory("hostile-s3").toString())), Path.of(".."));
        api = "http://127.0.0.1:" + local.port();
    }

    @AfterAll
    void stop() throws Exception {
        local.close();
    }

    @Test
    void create_brokenJson_isInvalidRequest() throws Exception {
        assertError(send(post("/s3/multipart", "application/json", "{\"filename\": ".getBytes(StandardCharsets.UTF_8))), 400, "InvalidRequest");
    }

    @Test
    void create_invalidUtf8AsOctetStream_isInvalidRequest() throws Exception {
        byte[] body = {'{', '"', 'f', 'i', 'l', 'e', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, '"', '}'};

        assertError(send(post("/s3/multipart", "application/octet-stream", body)), 400, "InvalidRequest");
    }

    @Test
    void create_bodyOfTwoMebibytes_isRefusedByTheHandler() throws Exception {
        byte[] body = ("{\"filename\":\"a.bin\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertError(send(post("/s3/multipart", "application/json", body)), 400, "InvalidRequest");
    }

    @Test
    void create_bodyAboveTenMebibytes_isEntityTooLargeFromTheGateway() throws Exception {
        assertError(send(post("/s3/multipart", "application/json", new byte[GATEWAY_LIMIT + 1])), 413, "EntityTooLarge");
    }

    @Test
    void create_chunkedBodyAboveTenMebibytes_isEntityTooLargeFromTheGateway() throws Exception {
        // No Content-Length: the gateway must count the bytes as they come.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(api + "/s3/multipart"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[GATEWAY_LIMIT + 4096])))
                .build();

        assertError(send(chunked), 413, "EntityTooLarge");
    }

    @Test
    void unknownRoute_isNotFound() throws Exception {
        assertError(send(get("/s3/nothing-here")), 404, "NotFound");
        assertError(send(HttpRequest.newBuilder(URI.create(api + "/s3/multipart")).method("PATCH",
                HttpRequest.BodyPublishers.ofString("{}")).build()), 404, "NotFound");
        assertError(send(HttpRequest.newBuilder(URI.create(api + "/s3/multipart/abc/complete"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 404, "NotFound");
    }

    @Test
    void path_percentEscapeOfInvalidUtf8_isInvalidRequest() throws Exception {
        assertError(send(get("/s3/multipart/%C0%AF?key=a")), 400, "InvalidRequest");
        assertError(send(get("/s3/multipart/%FF%FE/1?key=a")), 400, "InvalidRequest");
    }

    /** java.net.URI refuses these, so they go out over a plain socket, as a hostile client sends them. */
    @Test
    void requestLine_malformedPercentEscape_isAFourHundred() throws Exception {
        for (String target : List.of("/s3/multipart/%ZZ?key=a", "/s3/download?key=%ZZ", "/s3/download?key=%", "/s3/params?filename=a%2")) {
            RawAnswer answer = RawAnswer.get(local.port(), target);

            assertThat(answer.status()).as("%s: %s", target, answer.body()).isEqualTo(400);
        }
    }

    @Test
    void requestLine_malformedPercentEscape_isAnsweredWithTheContractsJson() throws Exception {
        for (String target : List.of("/s3/multipart/%ZZ?key=a", "/s3/download?key=%ZZ", "/s3/params?filename=a%2")) {
            RawAnswer answer = RawAnswer.get(local.port(), target);

            assertThat(answer.header("content-type")).as("%s: %s", target, answer.body()).startsWith("application/json");
            assertThat(answer.body()).doesNotContain("Exception");
            assertThat(JSON.readTree(answer.body()).get("code").asText()).isEqualTo("InvalidRequest");
        }
    }

    /** What no URI parser accepts: the HTTP layer itself refuses it, and still in the contract's JSON. */
    @Test
    void requestLine_unparseable_isAnsweredWithTheContractsJson() throws Exception {
        for (String target : List.of("/s3/multipart/a b", "/s3/\u0001x", "not-a-path")) {
            RawAnswer answer = RawAnswer.get(local.port(), target);

            assertThat(answer.status()).as("%s: %s", target, answer.body()).isBetween(400, 499);
            assertThat(answer.header("content-type")).as("%s: %s", target, answer.body()).startsWith("application/json");
            assertThat(JSON.readTree(answer.body()).get("code").asText()).isNotBlank();
        }
    }

    /** API Gateway sends a body that is not UTF-8 base64-encoded, whatever its type: the handler's UTF-8 check answers. */
    @Test
    void create_invalidUtf8AsJson_isInvalidRequest() throws Exception {
        byte[] body = {'{', '"', 'f', 'i', 'l', 'e', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xff, '"', '}'};

        assertError(send(post("/s3/multipart", "application/json", body)), 400, "InvalidRequest");
    }

    @Test
    void query_hostileKeys_areRefused() throws Exception {
        assertError(send(get("/s3/download?key=%00")), 403, "AccessDenied");
        assertError(send(get("/s3/download?key=uploads%2Fpublic%2F..%2Fother%2F" + UUID.randomUUID() + "%2Fa.bin")), 403, "AccessDenied");
        assertError(send(get("/s3/download?key=a&key=b")), 400, "InvalidRequest");
        assertError(send(get("/s3/params")), 400, "InvalidRequest");
        assertError(send(get("/s3/multipart/abc/0?key=a")), 400, "InvalidPartNumber");
    }

    @Test
    void complete_unknownUploadOverHttp_isNoSuchUpload() throws Exception {
        HttpResponse<String> created = send(post("/s3/multipart", "application/json", "{\"filename\":\"a.bin\"}".getBytes(StandardCharsets.UTF_8)));
        String key = JSON.readTree(created.body()).get("key").asText();

        assertError(send(post("/s3/multipart/bm90LWFuLXVwbG9hZA/complete?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                "application/json", "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}".getBytes(StandardCharsets.UTF_8))),
                404, "NoSuchUpload");
    }

    /** A response read off a plain socket: HTTP/1.1 with Connection: close, so the body runs to the end. */
    private record RawAnswer(int status, Map<String, String> headers, String body) {
        static RawAnswer get(int port, String target) throws Exception {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = raw.indexOf("\r\n\r\n");
                String[] lines = raw.substring(0, end).split("\r\n");
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
                return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
            }
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpRequest post(String pathAndQuery, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "\tat ");
    }
}
