package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 server, not the client, enforces what a presigned URL allows. */
class PresignedUrlEnforcementIT extends S3ProxyIntegrationTest {

    @Test
    void put_tamperedSignature_isRefused() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        String url = api.presignPart(created.text("key"), created.text("uploadId"), 1).text("url");
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered = url.substring(0, at) + (url.charAt(at) == '0' ? '1' : '0') + url.substring(at + 1);

        assertThat(PlainHttp.put(tampered, new byte[] {1, 2, 3}, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void put_urlOfAnotherPartNumber_isRefused() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        String url = api.presignPart(created.text("key"), created.text("uploadId"), 1).text("url");

        assertThat(PlainHttp.put(url.replace("partNumber=1", "partNumber=2"), new byte[] {1}, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void put_afterTheUrlExpired_isRefused() throws Exception {
        Api shortLived = new Api(s3.environment(Map.of("URL_EXPIRES_SECONDS", "1")));
        Answer created = shortLived.createUpload("a.bin", null);
        Answer signed = shortLived.presignPart(created.text("key"), created.text("uploadId"), 1);
        assertThat(signed.body().get("expires").asLong()).isEqualTo(1);

        Thread.sleep(2_100);

        assertThat(PlainHttp.put(signed.text("url"), new byte[] {1}, Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void put_bodyOfAnotherLengthThanSigned_isRefused() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        Answer signed = Api.call(api.presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}")
                .path("uploadId", created.text("uploadId")).path("partNumber", "1")
                .query("key", created.text("key")).query("contentLength", "10").build());
        assertThat(signed.body().get("headers").get("content-length").asText()).isEqualTo("10");

        assertThat(PlainHttp.put(signed.text("url"), new byte[11], Map.of()).statusCode()).isEqualTo(403);
        assertThat(PlainHttp.put(signed.text("url"), new byte[10], Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void put_bodyWithAnotherDigestThanSigned_isRefused() throws Exception {
        byte[] body = PlainHttp.randomBytes(64, 7);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        Answer created = api.createUpload("a.bin", null);
        Answer signed = Api.call(api.presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}")
                .path("uploadId", created.text("uploadId")).path("partNumber", "1")
                .query("key", created.text("key")).query("contentMD5", md5).build());
        Map<String, String> headers = Map.of("Content-MD5", signed.body().get("headers").get("content-md5").asText());
        byte[] other = body.clone();
        other[0] ^= 1;

        assertThat(PlainHttp.put(signed.text("url"), other, headers).statusCode()).isBetween(400, 403);
        assertThat(PlainHttp.put(signed.text("url"), body, headers).statusCode()).isEqualTo(200);
    }

    @Test
    void get_downloadUrlOfAnotherKey_isRefused() throws Exception {
        Answer object = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "x.txt").query("type", "text/plain").query("method", "PUT").query("size", "5").build());
        assertThat(PlainHttp.put(object.text("url"), "hello".getBytes(), Api.headers(object)).statusCode()).isEqualTo(200);
        String url = api.download(object.text("key")).text("url");

        assertThat(PlainHttp.get(url).statusCode()).isEqualTo(200);
        assertThat(PlainHttp.get(url.replace("x.txt", "y.txt")).statusCode()).isEqualTo(403);
    }
}
