package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the functions log over a whole upload: one structured line per request, and never a secret. */
class RequestLogIT extends S3ProxyIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void logs_fullUploadAndSingleObjects_haveOneLinePerRequestAndNoSignatureOrCredential() throws Exception {
        Api logged = new Api(s3.environment());
        Answer created = logged.createUpload("secret-plans.pdf", "application/pdf");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        Answer urls = logged.presignBatch(key, uploadId, "1");
        String url = urls.body().get("presignedUrls").get("1").asText();
        String etag = PlainHttp.put(url, new byte[] {1, 2, 3}, Map.of()).headers().firstValue("ETag").orElseThrow();
        logged.listParts(key, uploadId);
        logged.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":" + Api.quote(etag) + "}]");
        logged.download(key);
        Answer put = logged.send(logged.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "a.txt").query("type", "text/plain").query("method", "PUT").query("size", "3").build());
        Answer post = logged.send(logged.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "a.txt").query("type", "text/plain").query("metadata[note]", "private words").build());
        logged.complete(key.replace("/public/", "/mallory/"), uploadId, "[]");

        List<String> lines = logged.context.lines();
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(signatureOf(url))
                .doesNotContain(signatureOf(put.text("url")))
                .doesNotContain(post.body().get("fields").get("x-amz-signature").asText())
                .doesNotContain(post.body().get("fields").get("policy").asText())
                .doesNotContain(S3ProxyServer.SECRET_KEY)
                .doesNotContain(S3ProxyServer.ACCESS_KEY)
                .doesNotContain("X-Amz-Credential")
                .doesNotContain("private words");
        List<String> operations = new ArrayList<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            operations.add(entry.get("operation").asText());
            assertThat(entry.get("requestId").asText()).isNotBlank();
            assertThat(entry.has("status")).isTrue();
            assertThat(entry.has("durationMs")).isTrue();
        }
        assertThat(operations).containsExactly("CreateMultipart", "PresignPart", "ListParts", "CompleteMultipart", "PresignObject",
                "PresignObject", "PresignObject", "CompleteMultipart");
        assertThat(JSON.readTree(lines.get(lines.size() - 1)).get("code").asText()).isEqualTo("AccessDenied");
    }

    private static String signatureOf(String url) {
        return url.substring(url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
    }
}
