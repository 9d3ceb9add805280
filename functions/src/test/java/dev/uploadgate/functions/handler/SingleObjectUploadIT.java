package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Small files in one request: a presigned PUT, and the browser POST form Uppy uses for small and empty files. */
class SingleObjectUploadIT extends S3ProxyIntegrationTest {

    @Test
    void presignPut_withSize_roundTripsTheBytes() throws Exception {
        byte[] file = PlainHttp.randomBytes(4096, 3);
        Answer signed = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "report.pdf").query("type", "application/pdf").query("method", "PUT").query("size", "4096").build());
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.text("method")).isEqualTo("PUT");
        assertThat(signed.body().get("headers").get("content-type").asText()).isEqualTo("application/pdf");
        assertThat(signed.body().get("headers").get("content-length").asText()).isEqualTo("4096");

        assertThat(PlainHttp.put(signed.text("url"), file, headers(signed.body().get("headers"))).statusCode()).isEqualTo(200);

        assertThat(PlainHttp.sha256(PlainHttp.get(api.download(signed.text("key")).text("url")).body())).isEqualTo(PlainHttp.sha256(file));
        HeadObjectResponse head = s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(signed.text("key")));
        assertThat(head.contentType()).isEqualTo("application/pdf");
    }

    @Test
    void presignPut_otherContentTypeThanSigned_isRefused() throws Exception {
        Answer signed = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "a.txt").query("type", "text/plain").query("method", "PUT").query("size", "1").build());
        Map<String, String> headers = Api.headers(signed);
        headers.put("content-type", "text/html");

        assertThat(PlainHttp.put(signed.text("url"), new byte[] {1}, headers).statusCode()).isEqualTo(403);
    }

    @Test
    void presignPost_uppyStyleQuery_uploadsTheFileWithItsMetadata() throws Exception {
        byte[] file = "hello, form".getBytes(StandardCharsets.UTF_8);
        Answer form = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .rawQuery("filename=photo+1.jpg&type=image%2Fjpeg&metadata%5Bname%5D=photo+1.jpg&metadata%5Btype%5D=image%2Fjpeg").build());
        assertThat(form.status()).as(form.body().toString()).isEqualTo(200);
        assertThat(form.text("method")).isEqualTo("POST");
        assertThat(form.text("key")).endsWith("/photo 1.jpg");
        assertThat(form.body().get("fields").get("key").asText()).isEqualTo(form.text("key"));

        assertThat(PlainHttp.postForm(form.text("url"), fields(form.body().get("fields")), "photo 1.jpg", "image/jpeg", file).statusCode())
                .isBetween(200, 204);

        HeadObjectResponse head = s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(form.text("key")));
        assertThat(head.contentLength()).isEqualTo(file.length);
        assertThat(head.metadata()).containsEntry("name", "photo 1.jpg");
        assertThat(PlainHttp.sha256(PlainHttp.get(api.download(form.text("key")).text("url")).body())).isEqualTo(PlainHttp.sha256(file));
    }

    @Test
    void presignPost_emptyFile_uploadsAnEmptyObject() throws Exception {
        Answer form = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "empty.txt").query("type", "text/plain").build());

        assertThat(PlainHttp.postForm(form.text("url"), fields(form.body().get("fields")), "empty.txt", "text/plain", new byte[0]).statusCode())
                .isBetween(200, 204);

        assertThat(s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(form.text("key"))).contentLength()).isZero();
    }

    @Test
    void presignPost_tamperedPolicy_isRefused() throws Exception {
        Answer form = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "a.txt").query("type", "text/plain").build());
        Map<String, String> fields = fields(form.body().get("fields"));
        String policy = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
        fields.put("policy", Base64.getEncoder().encodeToString(policy.replace("a.txt", "b.txt").getBytes(StandardCharsets.UTF_8)));
        fields.put("key", fields.get("key").replace("a.txt", "b.txt"));

        assertThat(PlainHttp.postForm(form.text("url"), fields, "a.txt", "text/plain", new byte[] {1}).statusCode()).isEqualTo(403);
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }

    private static Map<String, String> headers(JsonNode node) {
        return fields(node);
    }
}
