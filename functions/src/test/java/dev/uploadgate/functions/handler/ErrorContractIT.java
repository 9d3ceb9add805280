package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every error row of the contract that the functions produce, against the real server: the right
 * status, the right code, and a message naming the field and value.
 */
class ErrorContractIT extends S3ProxyIntegrationTest {
    private static final int MIB = 1024 * 1024;
    /** Runs after the base class's: the same server, with a 12 MiB limit and a short list of types. */
    @BeforeAll
    static void limitTheApi() {
        api = new Api(s3.environment(Map.of("MAX_OBJECT_SIZE_BYTES", Long.toString(12L * MIB), "ALLOWED_CONTENT_TYPES", "image/*,video/mp4,application/octet-stream")));
    }

    @Test
    void create_malformedJson_isInvalidRequest() {
        Answer answer = Api.call(api.create, HttpEvents.request("POST", "/s3/multipart").body("{\"filename\": ").build());

        assertError(answer, 400, "InvalidRequest", "body");
    }

    @Test
    void create_filenameOfWrongType_isInvalidRequestNamingTheField() {
        Answer answer = Api.call(api.create, HttpEvents.request("POST", "/s3/multipart").body("{\"filename\": 42}").build());

        assertError(answer, 400, "InvalidRequest", "filename '42'");
    }

    @Test
    void create_declaredSizeAboveMaximum_isEntityTooLarge() {
        Answer answer = Api.call(api.create, HttpEvents.request("POST", "/s3/multipart")
                .body("{\"filename\":\"big.bin\",\"size\":" + (13L * MIB) + "}").build());

        assertError(answer, 413, "EntityTooLarge", "size " + 13L * MIB);
    }

    @Test
    void create_contentTypeNotAllowed_isUnsupportedMediaType() {
        Answer answer = api.createUpload("page.html", "text/html");

        assertError(answer, 415, "UnsupportedMediaType", "'text/html'");
    }

    @Test
    void presignPart_partNumberOutOfRange_isInvalidPartNumber() {
        Answer created = api.createUpload("a.bin", null);

        assertError(api.presignPart(created.text("key"), created.text("uploadId"), 10_001), 400, "InvalidPartNumber", "'10001'");
        assertError(api.presignPart(created.text("key"), created.text("uploadId"), 0), 400, "InvalidPartNumber", "'0'");
    }

    @Test
    void presignBatch_moreThanOneHundredParts_isInvalidPartNumber() {
        Answer created = api.createUpload("a.bin", null);
        StringBuilder numbers = new StringBuilder("1");
        for (int n = 2; n <= 101; n++) {
            numbers.append(',').append(n);
        }

        assertError(api.presignBatch(created.text("key"), created.text("uploadId"), numbers.toString()), 400, "InvalidPartNumber", "101");
    }

    @Test
    void everyUploadRoute_keyOfAnotherOwner_isAccessDenied() {
        Answer created = api.createUpload("a.bin", null);
        String foreign = created.text("key").replace("uploads/public/", "uploads/someone-else/");
        String uploadId = created.text("uploadId");

        assertError(api.presignPart(foreign, uploadId, 1), 403, "AccessDenied", foreign);
        assertError(api.presignBatch(foreign, uploadId, "1,2"), 403, "AccessDenied", foreign);
        assertError(api.listParts(foreign, uploadId), 403, "AccessDenied", foreign);
        assertError(api.complete(foreign, uploadId, "[{\"PartNumber\":1,\"ETag\":\"abc\"}]"), 403, "AccessDenied", foreign);
        assertError(api.abort(foreign, uploadId), 403, "AccessDenied", foreign);
        assertError(api.download(foreign), 403, "AccessDenied", foreign);
        assertError(api.download("uploads/public/../someone-else/x"), 403, "AccessDenied", "someone-else");
    }

    @Test
    void complete_unknownUpload_isNoSuchUpload() {
        Answer created = api.createUpload("a.bin", null);

        assertError(api.complete(created.text("key"), "bm90LWFuLXVwbG9hZA", "[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]"),
                404, "NoSuchUpload", created.text("key"));
    }

    @Test
    void complete_emptyPartsList_isInvalidPart() {
        Answer created = api.createUpload("a.bin", null);

        assertError(api.complete(created.text("key"), created.text("uploadId"), "[]"), 400, "InvalidPart", "parts");
    }

    @Test
    void complete_partNeverUploadedOrWrongEtag_isInvalidPart() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        String etag = upload(key, uploadId, 1, new byte[] {1, 2, 3});

        assertError(api.complete(key, uploadId, "[{\"PartNumber\":2,\"ETag\":" + Api.quote(etag) + "}]"), 400, "InvalidPart", "part 2");
        assertError(api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]"),
                400, "InvalidPart", "0123456789abcdef0123456789abcdef");
    }

    @Test
    void complete_duplicateOrDescendingParts_isInvalidPartOrder() {
        Answer created = api.createUpload("a.bin", null);
        String key = created.text("key");
        String uploadId = created.text("uploadId");

        assertError(api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":\"a\"},{\"PartNumber\":1,\"ETag\":\"a\"}]"),
                400, "InvalidPartOrder", "twice");
        assertError(api.complete(key, uploadId, "[{\"PartNumber\":2,\"ETag\":\"a\"},{\"PartNumber\":1,\"ETag\":\"a\"}]"),
                400, "InvalidPartOrder", "1 comes after 2");
    }

    @Test
    void complete_smallPartBeforeTheLast_isEntityTooSmall() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        String first = upload(key, uploadId, 1, new byte[1024]);
        String second = upload(key, uploadId, 2, new byte[1024]);

        assertError(api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":" + Api.quote(first) + "},{\"PartNumber\":2,\"ETag\":"
                + Api.quote(second) + "}]"), 400, "EntityTooSmall", "part 1");
    }

    @Test
    void complete_partsAboveTheMaximumSize_isEntityTooLargeAndNothingIsAssembled() throws Exception {
        Answer created = api.createUpload("a.bin", null);
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        String first = upload(key, uploadId, 1, new byte[7 * MIB]);
        String second = upload(key, uploadId, 2, new byte[6 * MIB]);

        assertError(api.complete(key, uploadId, "[{\"PartNumber\":1,\"ETag\":" + Api.quote(first) + "},{\"PartNumber\":2,\"ETag\":"
                + Api.quote(second) + "}]"), 413, "EntityTooLarge", "13631488 bytes");
        assertThat(s3.admin().listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(key)).contents()).isEmpty();
    }

    @Test
    void listParts_missingKey_isInvalidRequest() {
        Answer answer = Api.call(api.listParts, HttpEvents.request("GET", "/s3/multipart/{uploadId}").path("uploadId", "abc").build());

        assertError(answer, 400, "InvalidRequest", "key");
    }

    private static String upload(String key, String uploadId, int partNumber, byte[] body) throws Exception {
        return PlainHttp.put(api.presignPart(key, uploadId, partNumber).text("url"), body, Map.of()).headers().firstValue("ETag").orElseThrow();
    }

    private static void assertError(Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.text("code")).isEqualTo(code);
        assertThat(answer.text("message")).contains(messagePart);
        assertThat(answer.headers()).containsEntry("content-type", "application/json");
    }
}
