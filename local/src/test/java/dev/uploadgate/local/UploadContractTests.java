package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Checksums;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.local.ContractClient.Answer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole HTTP contract, over the network, against local mode: the gateway routing from
 * template.yaml to the real handlers, and an S3 server that receives the bytes through the
 * presigned URLs. Subclasses choose the S3 server, so the same flow proves we do not depend on
 * one server's quirks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UploadContractTests {
    static final int MIB = 1024 * 1024;
    /** Template parameters the tests run with: a 12 MiB ceiling and a short list of types. */
    static final Map<String, String> PARAMETERS = Map.of(
            "MaxObjectSizeBytes", Integer.toString(12 * MIB),
            "AllowedContentTypes", "image/*,text/plain,application/octet-stream");

    ContractClient api;

    /** Starts local mode against the subclass's S3 server and returns the API's base URL. */
    abstract String startLocalMode() throws Exception;

    abstract void stopLocalMode() throws Exception;

    @BeforeAll
    void start() throws Exception {
        api = new ContractClient(startLocalMode());
    }

    @AfterAll
    void stop() throws Exception {
        stopLocalMode();
    }

    @Test
    void multipart_twoFullPartsAndASmallOne_roundTripsByteForByteAndCompletesIdempotently() throws Exception {
        byte[] file = PlainHttp.randomBytes(10 * MIB + 1_000_003, 21);
        Upload upload = create("clip one.bin", "application/octet-stream");
        Answer urls = api.get("/s3/multipart/" + upload.id + "/batch?key=" + upload.encodedKey + "&partNumbers=1,2,3");
        assertThat(urls.status()).as(urls.body().toString()).isEqualTo(200);

        String parts = "["
                + part(1, put(urls.body().get("presignedUrls").get("1").asText(), Arrays.copyOfRange(file, 0, 5 * MIB))) + ","
                + part(2, put(urls.body().get("presignedUrls").get("2").asText(), Arrays.copyOfRange(file, 5 * MIB, 10 * MIB))) + ","
                + part(3, put(urls.body().get("presignedUrls").get("3").asText(), Arrays.copyOfRange(file, 10 * MIB, file.length))) + "]";

        Answer listed = api.get("/s3/multipart/" + upload.id + "?key=" + upload.encodedKey);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).hasSize(3);
        Answer completed = api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey, "{\"parts\":" + parts + "}");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("size").asLong()).isEqualTo(file.length);
        assertThat(completed.text("etag")).endsWith("-3\"");
        assertThat(PlainHttp.sha256(download(upload.key))).isEqualTo(PlainHttp.sha256(file));

        Answer again = api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey, "{\"parts\":" + parts + "}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(completed.body());
    }

    @Test
    void singlePut_declaredSize_roundTripsByteForByte() throws Exception {
        byte[] file = PlainHttp.randomBytes(100_000, 22);
        Answer signed = api.get("/s3/params?filename=notes.txt&type=text%2Fplain&method=PUT&size=" + file.length);
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
        Map<String, String> headers = new HashMap<>();
        signed.body().get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));

        assertThat(ContractClient.put(signed.text("url"), file, headers).statusCode()).isEqualTo(200);

        assertThat(PlainHttp.sha256(download(signed.text("key")))).isEqualTo(PlainHttp.sha256(file));
    }

    @Test
    void postForm_smallAndEmptyFiles_roundTripByteForByte() throws Exception {
        for (byte[] file : new byte[][] {PlainHttp.randomBytes(3000, 23), new byte[0]}) {
            Answer form = api.get("/s3/params?filename=photo+" + file.length + ".jpg&type=image%2Fjpeg&metadata%5Bname%5D=photo.jpg");
            assertThat(form.status()).as(form.body().toString()).isEqualTo(200);

            HttpResponse<byte[]> posted = ContractClient.postForm(form.text("url"), form.body().get("fields"), "photo.jpg", file);

            assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isBetween(200, 204);
            assertThat(PlainHttp.sha256(download(form.text("key")))).isEqualTo(PlainHttp.sha256(file));
        }
    }

    @Test
    void everyUploadRoute_keyOfAnotherOwner_isAccessDeniedJson() throws Exception {
        Upload upload = create("a.bin", null);
        String foreign = ContractClient.encode(upload.key.replace("/public/", "/mallory/"));
        String id = upload.id;

        assertError(api.get("/s3/multipart/" + id + "/1?key=" + foreign), 403, "AccessDenied");
        assertError(api.get("/s3/multipart/" + id + "/batch?key=" + foreign + "&partNumbers=1"), 403, "AccessDenied");
        assertError(api.get("/s3/multipart/" + id + "?key=" + foreign), 403, "AccessDenied");
        assertError(api.post("/s3/multipart/" + id + "/complete?key=" + foreign, "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\"}]}"),
                403, "AccessDenied");
        assertError(api.delete("/s3/multipart/" + id + "?key=" + foreign), 403, "AccessDenied");
        assertError(api.get("/s3/download?key=" + foreign), 403, "AccessDenied");
    }

    @Test
    void errorRows_badRequests_getTheContractsJson() throws Exception {
        Upload upload = create("a.bin", null);

        assertError(api.get("/s3/nothing-here"), 404, "NotFound");
        assertError(api.post("/s3/multipart", "{\"filename\":"), 400, "InvalidRequest");
        assertError(api.post("/s3/multipart", "{\"filename\":\"big.bin\",\"size\":" + (13 * MIB) + "}"), 413, "EntityTooLarge");
        assertError(api.post("/s3/multipart", "{\"filename\":\"page.html\",\"type\":\"text/html\"}"), 415, "UnsupportedMediaType");
        assertError(api.get("/s3/multipart/" + upload.id + "/0?key=" + upload.encodedKey), 400, "InvalidPartNumber");
        assertError(api.get("/s3/multipart/" + upload.id + "/10001?key=" + upload.encodedKey), 400, "InvalidPartNumber");
        assertError(api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey, "{\"parts\":[]}"), 400, "InvalidPart");
        assertError(api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey,
                "{\"parts\":[{\"PartNumber\":2,\"ETag\":\"a\"},{\"PartNumber\":1,\"ETag\":\"b\"}]}"), 400, "InvalidPartOrder");
        assertError(api.post("/s3/multipart/bm90LWFuLXVwbG9hZA/complete?key=" + upload.encodedKey,
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}"), 404, "NoSuchUpload");
    }

    @Test
    void complete_smallFirstPart_isEntityTooSmall() throws Exception {
        Upload upload = create("a.bin", null);
        String first = put(presign(upload, 1), new byte[1000]);
        String second = put(presign(upload, 2), new byte[1000]);

        assertError(api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey,
                "{\"parts\":[" + part(1, first) + "," + part(2, second) + "]}"), 400, "EntityTooSmall");
    }

    @Test
    void complete_partsAboveTheMaximum_isEntityTooLargeAndTheUploadIsAborted() throws Exception {
        Upload upload = create("a.bin", null);
        String first = put(presign(upload, 1), new byte[7 * MIB]);
        String second = put(presign(upload, 2), new byte[6 * MIB]);

        assertError(api.post("/s3/multipart/" + upload.id + "/complete?key=" + upload.encodedKey,
                "{\"parts\":[" + part(1, first) + "," + part(2, second) + "]}"), 413, "EntityTooLarge");
        assertUploadGone(upload);
    }

    @Test
    void abort_openUpload_answersEmptyObjectAndTheUploadIsGone() throws Exception {
        Upload upload = create("a.bin", null);
        put(presign(upload, 1), new byte[100]);

        Answer aborted = api.delete("/s3/multipart/" + upload.id + "?key=" + upload.encodedKey);

        assertThat(aborted.status()).isEqualTo(200);
        assertThat(aborted.body().isEmpty()).isTrue();
        assertUploadGone(upload);
    }

    /** CRC32: moto 5.2.1 reports a multipart CRC32C object's CRC32 as its CRC32C (S3Proxy covers CRC32C, in ChecksumIT). */
    @Test
    void multipart_crc32FullObject_roundTripsAndEveryAnswerReportsTheChecksum() throws Exception {
        byte[] file = PlainHttp.randomBytes(5 * MIB + 4321, 24);
        byte[][] parts = {Arrays.copyOfRange(file, 0, 5 * MIB), Arrays.copyOfRange(file, 5 * MIB, file.length)};
        Answer created = api.post("/s3/multipart", "{\"filename\":\"sum.bin\",\"size\":" + file.length + ",\"partSize\":" + 5 * MIB
                + ",\"checksumAlgorithm\":\"CRC32\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String key = ContractClient.encode(created.text("key"));
        String id = ContractClient.encode(created.text("uploadId"));
        Answer urls = api.get("/s3/multipart/" + id + "/batch?key=" + key + "&partNumbers=1,2&checksums="
                + ContractClient.encode(Checksums.of("CRC32", parts[0]) + "," + Checksums.of("CRC32", parts[1])));
        assertThat(urls.status()).as(urls.body().toString()).isEqualTo(200);
        StringBuilder listed = new StringBuilder();
        for (int n = 1; n <= 2; n++) {
            Map<String, String> headers = new HashMap<>();
            urls.body().get("headers").get(Integer.toString(n)).properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            HttpResponse<byte[]> sent = ContractClient.put(urls.body().get("presignedUrls").get(Integer.toString(n)).asText(), parts[n - 1], headers);
            assertThat(sent.statusCode()).isEqualTo(200);
            listed.append(n == 1 ? "" : ",").append("{\"PartNumber\":").append(n).append(",\"ETag\":")
                    .append(ContractClient.json(sent.headers().firstValue("etag").orElseThrow()))
                    .append(",\"ChecksumCRC32\":\"").append(Checksums.of("CRC32", parts[n - 1])).append("\"}");
        }

        Answer completed = api.post("/s3/multipart/" + id + "/complete?key=" + key, "{\"parts\":[" + listed + "],\"checksum\":\""
                + Checksums.of("CRC32", file) + "\"}");

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("checksum").get("value").asText()).isEqualTo(Checksums.of("CRC32", file));
        assertThat(completed.body().get("checksum").get("type").asText()).isEqualTo("FULL_OBJECT");
        Answer download = api.get("/s3/download?key=" + key);
        assertThat(download.body().get("checksum")).isEqualTo(completed.body().get("checksum"));
        assertThat(PlainHttp.sha256(ContractClient.download(download.text("url")))).isEqualTo(PlainHttp.sha256(file));
    }

    /** On a server that does not check the whole-object checksum (moto), the function deletes the object itself. */
    @Test
    void complete_wrongWholeObjectChecksum_isBadDigestAndLeavesNoObject() throws Exception {
        byte[] file = PlainHttp.randomBytes(3000, 25);
        Answer created = api.post("/s3/multipart", "{\"filename\":\"sum.bin\",\"size\":3000,\"checksumAlgorithm\":\"CRC32C\"}");
        String key = ContractClient.encode(created.text("key"));
        String id = ContractClient.encode(created.text("uploadId"));
        String etag = put(api.get("/s3/multipart/" + id + "/1?key=" + key).text("url"), file);
        byte[] other = file.clone();
        other[0] ^= 1;

        Answer completed = api.post("/s3/multipart/" + id + "/complete?key=" + key, "{\"parts\":[" + part(1, etag) + "],\"checksum\":\""
                + Checksums.of("CRC32C", other) + "\"}");

        assertError(completed, 400, "BadDigest");
        assertError(api.get("/s3/download?key=" + key), 404, "NotFound");
    }

    /** An aborted upload is forgotten, as S3 forgets it: list-parts answers 404 NoSuchUpload. */
    void assertUploadGone(Upload upload) throws Exception {
        assertError(api.get("/s3/multipart/" + upload.id() + "?key=" + upload.encodedKey()), 404, "NoSuchUpload");
    }

    record Upload(String key, String encodedKey, String id) {
    }

    Upload create(String fileName, String type) throws Exception {
        Answer created = api.post("/s3/multipart", "{\"filename\":" + ContractClient.json(fileName)
                + (type == null ? "" : ",\"type\":" + ContractClient.json(type)) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        return new Upload(created.text("key"), ContractClient.encode(created.text("key")), ContractClient.encode(created.text("uploadId")));
    }

    String presign(Upload upload, int partNumber) throws Exception {
        Answer signed = api.get("/s3/multipart/" + upload.id + "/" + partNumber + "?key=" + upload.encodedKey);
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
        return signed.text("url");
    }

    static String put(String url, byte[] body) throws Exception {
        HttpResponse<byte[]> response = ContractClient.put(url, body, Map.of());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.headers().firstValue("etag").orElseThrow();
    }

    static String part(int number, String etag) {
        return "{\"PartNumber\":" + number + ",\"ETag\":" + ContractClient.json(etag) + "}";
    }

    byte[] download(String key) throws Exception {
        Answer signed = api.get("/s3/download?key=" + ContractClient.encode(key));
        assertThat(signed.status()).isEqualTo(200);
        return ContractClient.download(signed.text("url"));
    }

    static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.text("code")).isEqualTo(code);
        assertThat(answer.text("message")).isNotBlank();
    }
}
