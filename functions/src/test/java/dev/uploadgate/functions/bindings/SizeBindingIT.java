package dev.uploadgate.functions.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sizes hold in the signature, not later: a single PUT binds its exact length, every part of an
 * upload created with its size binds its own exact length, no part exists beyond the last, and an
 * upload of undeclared size gets no new part URL once its parts reach the limit. Checked against
 * S3Proxy, which enforces signed headers.
 */
class SizeBindingIT extends S3ProxyIntegrationTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void presignPut_withoutSize_isInvalidRequestNamingSize() {
        Answer put = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "big.png").query("type", "image/png").query("method", "PUT").build());

        assertThat(put.status()).isEqualTo(400);
        assertThat(put.text("code")).isEqualTo("InvalidRequest");
        assertThat(put.text("message")).contains("size");
    }

    @Test
    void presignPut_sizeAboveTheLimit_isEntityTooLargeBeforeSigning() {
        Api limited = new Api(s3.environment(Map.of("MAX_OBJECT_SIZE_BYTES", "1048576")));

        Answer put = Api.call(limited.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "big.png").query("type", "image/png").query("method", "PUT").query("size", "1048577").build());

        assertThat(put.status()).isEqualTo(413);
        assertThat(put.body().has("url")).isFalse();
    }

    @Test
    void putUrl_bodyLongerThanSigned_isRefusedByS3AndTheExactBodyStored() throws Exception {
        Answer put = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                .query("filename", "big.png").query("type", "image/png").query("method", "PUT").query("size", "1048576").build());
        assertThat(put.body().get("headers").get("content-length").asText()).isEqualTo("1048576");
        Map<String, String> headers = Api.headers(put);

        assertThat(refused(put.text("url"), PlainHttp.randomBytes(3 * MIB, 1), headers)).isTrue();
        byte[] exact = PlainHttp.randomBytes(MIB, 2);
        assertThat(PlainHttp.put(put.text("url"), exact, headers).statusCode()).isEqualTo(200);
        assertThat(s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(put.text("key"))).contentLength()).isEqualTo(MIB);
    }

    @Test
    void create_sizeTen_bindsOnePartOfTenBytesAndRefusesPartTwo() throws Exception {
        Answer created = create(api, "{\"filename\":\"small.bin\",\"size\":10}");
        assertThat(created.body().get("partCount").asInt()).isEqualTo(1);
        String key = created.text("key");
        String uploadId = created.text("uploadId");

        Answer second = api.presignPart(key, uploadId, 2);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.text("code")).isEqualTo("InvalidPartNumber");
        Answer batch = api.presignBatch(key, uploadId, "1,2");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.text("code")).isEqualTo("InvalidPartNumber");

        Answer first = api.presignPart(key, uploadId, 1);
        assertThat(first.body().get("headers").get("content-length").asText()).isEqualTo("10");
        assertThat(refused(first.text("url"), PlainHttp.randomBytes(5 * MIB, 3), Map.of())).isTrue();
        assertThat(api.listParts(key, uploadId).body()).isEmpty();
        assertThat(PlainHttp.put(first.text("url"), PlainHttp.randomBytes(10, 4), Map.of()).statusCode()).isEqualTo(200);
        api.abort(key, uploadId);
    }

    @Test
    void presignBatch_sizedUpload_bindsEachPartsLengthAndTheLastOneTheRemainder() throws Exception {
        byte[] file = PlainHttp.randomBytes(10 * MIB + 7, 5);
        Answer created = create(api, "{\"filename\":\"three.bin\",\"size\":" + file.length + ",\"partSize\":" + 5 * MIB + "}");
        assertThat(created.body().get("partSize").asLong()).isEqualTo(5 * MIB);
        assertThat(created.body().get("partCount").asInt()).isEqualTo(3);
        String key = created.text("key");
        String uploadId = created.text("uploadId");

        Answer batch = api.presignBatch(key, uploadId, "3,1,2");

        assertThat(batch.body().get("headers").get("1").get("content-length").asText()).isEqualTo(Integer.toString(5 * MIB));
        assertThat(batch.body().get("headers").get("2").get("content-length").asText()).isEqualTo(Integer.toString(5 * MIB));
        assertThat(batch.body().get("headers").get("3").get("content-length").asText()).isEqualTo("7");
        StringBuilder parts = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            byte[] body = Arrays.copyOfRange(file, (n - 1) * 5 * MIB, Math.min(file.length, n * 5 * MIB));
            var sent = PlainHttp.put(batch.body().get("presignedUrls").get(Integer.toString(n)).asText(), body, Map.of());
            assertThat(sent.statusCode()).as("part %d", n).isEqualTo(200);
            parts.append(n == 1 ? "" : ",").append("{\"PartNumber\":").append(n).append(",\"ETag\":")
                    .append(Api.quote(sent.headers().firstValue("ETag").orElseThrow())).append('}');
        }
        Answer completed = api.complete(key, uploadId, "[" + parts + "]");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(PlainHttp.sha256(PlainHttp.get(api.download(key).text("url")).body())).isEqualTo(PlainHttp.sha256(file));
    }

    @Test
    void presignPart_contentLengthOtherThanTheBoundOne_isInvalidRequest() {
        Answer created = create(api, "{\"filename\":\"a.bin\",\"size\":100}");

        Answer part = Api.call(api.presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}")
                .path("uploadId", created.text("uploadId")).path("partNumber", "1")
                .query("key", created.text("key")).query("contentLength", "5000000").build());

        assertThat(part.status()).isEqualTo(400);
        assertThat(part.text("message")).contains("contentLength").contains("must be 100");
        api.abort(created.text("key"), created.text("uploadId"));
    }

    @Test
    void presignPart_keyEditedToALargerSize_isNotTheCallersUpload() {
        Answer created = create(api, "{\"filename\":\"a.bin\",\"size\":10}");
        String edited = created.text("key").replace(".s10-p8388608/", ".s5368709120-p8388608/");

        // The server signs (the key is the caller's shape), but S3 binds an upload id to the key it
        // was created with: the upload does not exist under the edited key.
        Answer listed = api.listParts(edited, created.text("uploadId"));

        assertThat(edited).isNotEqualTo(created.text("key"));
        assertThat(listed.status()).isEqualTo(404);
        assertThat(listed.text("code")).isEqualTo("NoSuchUpload");
        api.abort(created.text("key"), created.text("uploadId"));
    }

    @Test
    void create_partSizeOutOfRange_isInvalidRequestNamingPartSize() {
        Answer tooSmall = create(api, "{\"filename\":\"a.bin\",\"size\":100000000,\"partSize\":1024}");
        Answer tooFewParts = create(api, "{\"filename\":\"a.bin\",\"size\":1000000000000,\"partSize\":5242880}");
        Answer withoutSize = create(api, "{\"filename\":\"a.bin\",\"partSize\":5242880}");

        for (Answer answer : new Answer[] {tooSmall, tooFewParts, withoutSize}) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.text("message")).startsWith("partSize");
        }
    }

    @Test
    void presignPart_unsizedUploadWhosePartsReachTheLimit_isEntityTooLarge() throws Exception {
        Api limited = new Api(s3.environment(Map.of("MAX_OBJECT_SIZE_BYTES", Integer.toString(6 * MIB))));
        Answer created = create(limited, "{\"filename\":\"uppy.bin\"}");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        for (int n = 1; n <= 2; n++) {
            Answer part = limited.presignPart(key, uploadId, n);
            assertThat(part.status()).as("part %d while below the limit", n).isEqualTo(200);
            assertThat(PlainHttp.put(part.text("url"), PlainHttp.randomBytes(5 * MIB, n), Map.of()).statusCode()).isEqualTo(200);
        }

        Answer third = limited.presignPart(key, uploadId, 3);
        Answer batch = limited.presignBatch(key, uploadId, "3,4");

        assertThat(third.status()).isEqualTo(413);
        assertThat(third.text("code")).isEqualTo("EntityTooLarge");
        assertThat(batch.status()).isEqualTo(413);
        limited.abort(key, uploadId);
    }

    @Test
    void create_withoutSizeWhenSizesAreRequired_isInvalidRequestNamingSize() {
        Api strict = new Api(s3.environment(Map.of("REQUIRE_UPLOAD_SIZE", "true")));

        Answer unsized = create(strict, "{\"filename\":\"a.bin\"}");
        Answer sized = create(strict, "{\"filename\":\"a.bin\",\"size\":5}");

        assertThat(unsized.status()).isEqualTo(400);
        assertThat(unsized.text("message")).startsWith("size").contains("RequireUploadSize");
        assertThat(sized.status()).isEqualTo(200);
        strict.abort(sized.text("key"), sized.text("uploadId"));
    }

    @Test
    void complete_fewerBytesThanTheDeclaredSize_isInvalidPart() throws Exception {
        Answer created = create(api, "{\"filename\":\"a.bin\",\"size\":" + (5 * MIB + 10) + ",\"partSize\":" + 5 * MIB + "}");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        var sent = PlainHttp.put(api.presignPart(key, uploadId, 1).text("url"), PlainHttp.randomBytes(5 * MIB, 9), Map.of());

        Answer completed = api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":" + Api.quote(sent.headers().firstValue("ETag").orElseThrow()) + "}]");

        assertThat(completed.status()).isEqualTo(400);
        assertThat(completed.text("message")).contains("created for size " + (5 * MIB + 10));
        api.abort(key, uploadId);
    }

    /** A PUT the server refuses: a 4xx, or (S3Proxy, once the signed length is exceeded) a dropped connection. */
    private static boolean refused(String url, byte[] body, Map<String, String> headers) throws InterruptedException {
        try {
            int status = PlainHttp.put(url, body, headers).statusCode();
            return status >= 400 && status < 500;
        } catch (IOException dropped) {
            return true;
        }
    }

    static Answer create(Api target, String body) {
        return Api.call(target.create, HttpEvents.request("POST", "/s3/multipart").body(body).build());
    }
}
