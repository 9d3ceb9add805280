package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.testing.PlainHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Local mode with {@code --auth iam}: every route wants a SigV4 signature as AWS_IAM does, keys
 * land under the signer's own prefix, and one user can do nothing with another's upload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private LocalMode local;
    private String api;

    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.get(field).asText();
        }
    }

    @BeforeAll
    void start() throws Exception {
        local = LocalMode.start(LocalOptions.parse(List.of("--port", "0", "--data", Files.createTempDirectory("iam-s3").toString(),
                "--auth", "iam", "--iam-user", "AKIDALICE:alice-secret", "--iam-user", "AKIDBOB:bob-secret")), Path.of(".."));
        api = "http://127.0.0.1:" + local.port();
    }

    @AfterAll
    void stop() throws Exception {
        local.close();
    }

    @Test
    void upload_signedByItsOwner_completesUnderTheOwnersPrefix() throws Exception {
        Answer created = alice("POST", "/s3/multipart", "{\"filename\":\"mine.txt\",\"type\":\"text/plain\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("key")).startsWith("uploads/iam-AKIDALICE/");
        String query = "?key=" + ContractClient.encode(created.text("key"));
        String id = ContractClient.encode(created.text("uploadId"));
        String url = alice("GET", "/s3/multipart/" + id + "/1" + query, null).text("url");
        String etag = PlainHttp.put(url, "hello".getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/octet-stream"))
                .headers().firstValue("etag").orElseThrow();

        Answer completed = alice("POST", "/s3/multipart/" + id + "/complete" + query,
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":" + ContractClient.json(etag) + "}]}");

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(new String(PlainHttp.get(alice("GET", "/s3/download" + query, null).text("url")).body(), StandardCharsets.UTF_8))
                .isEqualTo("hello");
    }

    @Test
    void everyRoute_otherUsersUpload_isAccessDenied() throws Exception {
        Answer created = alice("POST", "/s3/multipart", "{\"filename\":\"private.txt\"}");
        String query = "?key=" + ContractClient.encode(created.text("key"));
        String id = ContractClient.encode(created.text("uploadId"));

        assertThat(bob("GET", "/s3/multipart/" + id + "/1" + query, null).status()).isEqualTo(403);
        assertThat(bob("GET", "/s3/multipart/" + id + "/batch" + query + "&partNumbers=1,2", null).status()).isEqualTo(403);
        assertThat(bob("GET", "/s3/multipart/" + id + query, null).status()).isEqualTo(403);
        assertThat(bob("POST", "/s3/multipart/" + id + "/complete" + query, "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\"}]}").status())
                .isEqualTo(403);
        assertThat(bob("DELETE", "/s3/multipart/" + id + query, null).status()).isEqualTo(403);
        Answer download = bob("GET", "/s3/download" + query, null);
        assertThat(download.status()).isEqualTo(403);
        assertThat(download.text("code")).isEqualTo("AccessDenied");
        assertThat(alice("GET", "/s3/multipart/" + id + query, null).status()).as("the upload is still alice's").isEqualTo(200);
    }

    /**
     * Bob names his own key, which every ownership check accepts, with Alice's upload id: S3 binds
     * an upload id to its key, so nothing of Alice's upload is reachable, and the embedded S3 must
     * refuse as S3 does, or the test would pass here on code that leaks on S3.
     */
    @Test
    void everyRoute_otherUsersUploadIdWithOwnKey_isNoSuchUpload() throws Exception {
        Answer alices = alice("POST", "/s3/multipart", "{\"filename\":\"private.txt\"}");
        Answer bobs = bob("POST", "/s3/multipart", "{\"filename\":\"mine.txt\"}");
        String aliceId = ContractClient.encode(alices.text("uploadId"));
        String bobQuery = "?key=" + ContractClient.encode(bobs.text("key"));
        byte[] part = "bob's bytes".getBytes(StandardCharsets.UTF_8);
        Map<String, String> octets = Map.of("content-type", "application/octet-stream");

        Answer partUrl = bob("GET", "/s3/multipart/" + aliceId + "/1" + bobQuery, null);
        Answer batch = bob("GET", "/s3/multipart/" + aliceId + "/batch" + bobQuery + "&partNumbers=1,2", null);
        Answer listed = bob("GET", "/s3/multipart/" + aliceId + bobQuery, null);
        Answer completed = bob("POST", "/s3/multipart/" + aliceId + "/complete" + bobQuery,
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}");
        Answer aborted = bob("DELETE", "/s3/multipart/" + aliceId + bobQuery, null);

        // A part URL is refused when presigned (an unsized upload's parts are counted on S3 first),
        // or, if one is handed out, by S3 when used.
        assertNoSuchUploadOnPut(partUrl, answer -> answer.text("url"), part, octets);
        assertNoSuchUploadOnPut(batch, answer -> answer.body().get("presignedUrls").get("2").asText(), part, octets);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(404);
        assertThat(listed.text("code")).isEqualTo("NoSuchUpload");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(404);
        assertThat(completed.text("code")).isEqualTo("NoSuchUpload");
        assertThat(aborted.status()).as(aborted.body().toString()).isEqualTo(404);
        assertThat(aborted.text("code")).isEqualTo("NoSuchUpload");
        Answer alicesParts = alice("GET", "/s3/multipart/" + aliceId + "?key=" + ContractClient.encode(alices.text("key")), null);
        assertThat(alicesParts.status()).as("alice's upload is still open and empty").isEqualTo(200);
        assertThat(alicesParts.body()).isEmpty();
    }

    private static void assertNoSuchUploadOnPut(Answer presigned, Function<Answer, String> url, byte[] part,
                                                Map<String, String> headers) throws Exception {
        if (presigned.status() != 200) {
            assertThat(presigned.status()).as(presigned.body().toString()).isEqualTo(404);
            assertThat(presigned.text("code")).isEqualTo("NoSuchUpload");
            return;
        }
        HttpResponse<byte[]> put = PlainHttp.put(url.apply(presigned), part, headers);
        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(404);
        assertThat(new String(put.body(), StandardCharsets.UTF_8)).contains("<Code>NoSuchUpload</Code>");
    }

    @Test
    void anyRoute_unsignedBadOrStaleSignature_isUnauthorizedJson() throws Exception {
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/s3/multipart"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"filename\":\"a\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Answer wrongSecret = send("GET", "/s3/download?key=k", null, "AKIDALICE", "guessed", Clock.systemUTC());
        Answer stale = send("GET", "/s3/download?key=k", null, "AKIDALICE", "alice-secret",
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(6)), ZoneOffset.UTC));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unsigned.body()).get("code").asText()).isEqualTo("Unauthorized");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.text("message")).contains("signature does not match");
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.text("message")).contains("5 minutes");
    }

    private Answer alice(String method, String pathAndQuery, String body) throws Exception {
        return send(method, pathAndQuery, body, "AKIDALICE", "alice-secret", Clock.systemUTC());
    }

    private Answer bob(String method, String pathAndQuery, String body) throws Exception {
        return send(method, pathAndQuery, body, "AKIDBOB", "bob-secret", Clock.systemUTC());
    }

    private Answer send(String method, String pathAndQuery, String body, String accessKey, String secret, Clock clock) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(api + pathAndQuery);
        Map<String, String> headers = body == null ? Map.of() : Map.of("content-type", "application/json");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        SigV4Signing.sign(method, uri, headers, bytes, accessKey, secret, clock).forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the JDK client sends the same Host from the URI
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
}
