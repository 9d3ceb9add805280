package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole multipart contract against a real S3-compatible server with authentication on: the
 * parts travel over presigned URLs with a plain HTTP client, and the downloaded object must have
 * the SHA-256 of what was sent.
 */
class MultipartUploadFlowIT extends S3ProxyIntegrationTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void upload_threePartsThroughPresignedUrls_downloadsTheSameBytes() throws Exception {
        byte[] file = PlainHttp.randomBytes(10 * MIB + 12_345, 1);
        Answer created = api.createUpload("clips/holiday video.mp4", "video/mp4");
        assertThat(created.status()).isEqualTo(200);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        assertThat(key).startsWith("uploads/public/").endsWith("/holiday video.mp4");

        Answer urls = api.presignBatch(key, uploadId, "1,2,3");
        assertThat(urls.status()).isEqualTo(200);
        assertThat(urls.body().get("expires").asLong()).isEqualTo(300);
        List<String> parts = new ArrayList<>();
        int[][] ranges = {{0, 5 * MIB}, {5 * MIB, 10 * MIB}, {10 * MIB, file.length}};
        for (int i = 0; i < ranges.length; i++) {
            byte[] body = Arrays.copyOfRange(file, ranges[i][0], ranges[i][1]);
            HttpResponse<byte[]> put = PlainHttp.put(urls.body().get("presignedUrls").get(Integer.toString(i + 1)).asText(), body, Map.of());
            assertThat(put.statusCode()).as("PUT part %d", i + 1).isEqualTo(200);
            parts.add("{\"PartNumber\":" + (i + 1) + ",\"ETag\":" + Api.quote(put.headers().firstValue("ETag").orElseThrow()) + "}");
        }

        Answer listed = api.listParts(key, uploadId);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).hasSize(3);
        assertThat(listed.body().get(2).get("Size").asLong()).isEqualTo(12_345);

        Answer completed = api.complete(key, uploadId, "[" + String.join(",", parts) + "]");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.text("key")).isEqualTo(key);
        assertThat(completed.text("bucket")).isEqualTo(S3ProxyServer.BUCKET);
        assertThat(completed.body().get("size").asLong()).isEqualTo(file.length);
        assertThat(completed.text("etag")).matches("\"[0-9a-f]{32}-3\"");

        Answer download = api.download(key);
        HttpResponse<byte[]> got = PlainHttp.get(download.text("url"));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(PlainHttp.sha256(got.body())).isEqualTo(PlainHttp.sha256(file));

        Answer again = api.complete(key, uploadId, "[" + String.join(",", parts) + "]");
        assertThat(again.status()).as("a repeated complete is idempotent: %s", again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(completed.body());
    }

    @Test
    void complete_unquotedEtagsAsUppySendsThem_completes() throws Exception {
        Answer created = api.createUpload("one.bin", "application/octet-stream");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        byte[] body = PlainHttp.randomBytes(1000, 2);
        HttpResponse<byte[]> put = PlainHttp.put(api.presignPart(key, uploadId, 1).text("url"), body, Map.of());
        String etag = put.headers().firstValue("ETag").orElseThrow().replace("\"", "");

        Answer completed = api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":\"" + etag + "\"}]");

        assertThat(completed.status()).isEqualTo(200);
        assertThat(PlainHttp.sha256(PlainHttp.get(api.download(key).text("url")).body())).isEqualTo(PlainHttp.sha256(body));
    }

    @Test
    void listParts_moreThanOnePageOfParts_returnsEveryPart() throws Exception {
        Answer created = api.createUpload("many.bin", null);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        int count = 1005;
        for (int first = 1; first <= count; first += 100) {
            StringBuilder numbers = new StringBuilder();
            for (int n = first; n < Math.min(first + 100, count + 1); n++) {
                numbers.append(numbers.length() == 0 ? "" : ",").append(n);
            }
            JsonNode urls = api.presignBatch(key, uploadId, numbers.toString()).body().get("presignedUrls");
            for (Map.Entry<String, JsonNode> entry : urls.properties()) {
                assertThat(PlainHttp.put(entry.getValue().asText(), new byte[] {1}, Map.of()).statusCode()).isEqualTo(200);
            }
        }

        Answer listed = api.listParts(key, uploadId);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).hasSize(count);
        assertThat(listed.body().get(count - 1).get("PartNumber").asInt()).isEqualTo(count);
        api.abort(key, uploadId);
    }
    @Test
    void upload_afterSnapStartPriming_realHandlersStillCallS3() throws Exception {
        Api primed = new Api(s3.environment());
        for (HttpApiHandler<?> handler : List.<HttpApiHandler<?>>of(primed.create, primed.complete, primed.listParts, primed.abort)) {
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
        }

        Answer created = primed.createUpload("after priming.bin", "application/octet-stream");
        assertThat(created.status()).isEqualTo(200);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        assertThat(key).doesNotContain("00000000-0000-4000-8000-000000000000");
        assertThat(uploadId).isNotEqualTo(CannedS3.UPLOAD_ID);
        byte[] body = PlainHttp.randomBytes(1000, 3);
        HttpResponse<byte[]> put = PlainHttp.put(primed.presignPart(key, uploadId, 1).text("url"), body, Map.of());
        String part = "{\"PartNumber\":1,\"ETag\":" + Api.quote(put.headers().firstValue("ETag").orElseThrow()) + "}";

        assertThat(primed.listParts(key, uploadId).body()).hasSize(1);
        Answer completed = primed.complete(key, uploadId, "[" + part + "]");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("size").asLong()).isEqualTo(1000);
        assertThat(completed.text("bucket")).isEqualTo(S3ProxyServer.BUCKET);
        assertThat(PlainHttp.sha256(PlainHttp.get(primed.download(key).text("url")).body())).isEqualTo(PlainHttp.sha256(body));

        Answer other = primed.createUpload("aborted.bin", "application/octet-stream");
        assertThat(primed.abort(other.text("key"), other.text("uploadId")).status()).isEqualTo(200);
        assertThat(primed.listParts(other.text("key"), other.text("uploadId")).status()).isEqualTo(404);
    }
}
