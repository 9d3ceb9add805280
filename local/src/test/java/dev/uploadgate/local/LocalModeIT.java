package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local mode started in this JVM with the embedded S3 server: the wiring between them (bucket,
 * endpoint and keys reaching the handlers, the bucket's CORS rule for the page's origin).
 */
class LocalModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void start_testTemplate_handlersGetTheEmbeddedS3AndBucket() throws Exception {
        Path template = Path.of(LocalModeIT.class.getResource("/" + TestTemplates.GATEWAY_RESOURCE).toURI());
        // The test template's handlers live on the test class path, not in the functions' package: in process.
        LocalOptions options = LocalOptions.parse(List.of("--port", "0", "--data", data.toString(),
                "--bucket", "it-bucket", "--template", template.toString(), "--in-process"));

        try (LocalMode local = LocalMode.start(options, data)) {
            JsonNode environment = JSON.readTree(send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + local.port() + "/env")).build()).body());

            assertThat(environment.get("BUCKET_NAME").asText()).isEqualTo("it-bucket");
            assertThat(environment.get("S3_ENDPOINT_URL").asText()).isEqualTo(local.s3().endpoint().toString());
            assertThat(environment.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo(EmbeddedS3.ACCESS_KEY);
            assertThat(environment.get("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo(EmbeddedS3.SECRET_KEY);
            assertThat(environment.get("AWS_REGION").asText()).isEqualTo("us-east-1");
            try (S3Client s3 = adminClient(local.s3())) {
                assertThat(s3.listBuckets().buckets()).extracting(bucket -> bucket.name()).contains("it-bucket");
            }
        }
    }

    @Test
    void start_accelerateAndDualStack_areIgnoredAndUrlsNameTheLocalS3() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of("--port", "0", "--data", data.toString(), "--in-process",
                "--parameter", "UseAccelerateEndpoint=true", "--parameter", "UseDualStackEndpoint=true"));

        try (LocalMode local = LocalMode.start(options, Path.of(".."))) {
            JsonNode put = JSON.readTree(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.port()
                    + "/s3/params?filename=a.txt&type=text%2Fplain&method=PUT&size=1")).build()).body());

            assertThat(put.get("url").asText()).startsWith(local.s3().endpoint().toString());
        }
    }

    @Test
    void start_projectTemplate_everyHandlerStartsAndBucketAllowsThePageOrigin() throws Exception {
        LocalOptions options = LocalOptions.parse(List.of("--port", "0", "--data", data.toString()));

        // The module folder's parent is the project: ./template.yaml and ./web/ as a developer runs it.
        try (LocalMode local = LocalMode.start(options, Path.of(".."))) {
            String pageOrigin = "http://127.0.0.1:" + local.port();
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(pageOrigin + "/")).build());
            HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(local.s3().endpoint() + "/uploads/some/key"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", pageOrigin)
                    .header("Access-Control-Request-Method", "PUT")
                    .build());
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(local.s3().endpoint() + "/uploads/some/key"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://evil.example")
                    .header("Access-Control-Request-Method", "PUT")
                    .build());
            HttpResponse<String> params = send(HttpRequest.newBuilder(
                    URI.create(pageOrigin + "/s3/params?filename=a.txt&type=text/plain")).build());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(pageOrigin);
            assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
            assertThat(refused.statusCode()).isEqualTo(403);
            // A real handler ran with local mode's environment: its URL points at the embedded server.
            assertThat(params.statusCode()).as(params.body()).isEqualTo(200);
            assertThat(params.body()).contains(local.s3().endpoint().getAuthority());
        }
    }

    static S3Client adminClient(S3Connection s3) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
