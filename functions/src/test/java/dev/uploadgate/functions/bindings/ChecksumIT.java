package dev.uploadgate.functions.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.Checksums;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's checksums end to end on S3Proxy, which checks x-amz-checksum-* on every PUT and combines
 * part checksums on complete: each part URL binds its checksum, a part whose bytes differ is
 * refused, complete answers (and re-answers) the object's checksum, a wrong whole-object
 * checksum leaves no object, and downloads report what S3 stores.
 */
class ChecksumIT extends S3ProxyIntegrationTest {
    private static final int MIB = 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectUpload_eachCrc_roundTripsWithTheCombinedChecksum(String algorithm) throws Exception {
        byte[] file = PlainHttp.randomBytes(5 * MIB + 100, algorithm.hashCode());
        List<byte[]> parts = List.of(Arrays.copyOfRange(file, 0, 5 * MIB), Arrays.copyOfRange(file, 5 * MIB, file.length));
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":" + file.length + ",\"partSize\":" + 5 * MIB
                + ",\"checksumAlgorithm\":\"" + algorithm + "\"}");
        assertThat(created.text("checksumAlgorithm")).isEqualTo(algorithm);
        assertThat(created.text("checksumType")).isEqualTo("FULL_OBJECT");
        String key = created.text("key");
        String uploadId = created.text("uploadId");

        Answer batch = batch(key, uploadId, "1,2", Checksums.of(algorithm, parts.get(0)) + "," + Checksums.of(algorithm, parts.get(1)));
        String header = "x-amz-checksum-" + algorithm.toLowerCase();
        List<String> listed = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            JsonNode headers = batch.body().get("headers").get(Integer.toString(n));
            assertThat(headers.get(header).asText()).isEqualTo(Checksums.of(algorithm, parts.get(n - 1)));
            HttpResponse<byte[]> sent = PlainHttp.put(batch.body().get("presignedUrls").get(Integer.toString(n)).asText(), parts.get(n - 1),
                    Map.of(header, headers.get(header).asText()));
            assertThat(sent.statusCode()).as("part %d", n).isEqualTo(200);
            assertThat(sent.headers().firstValue(header)).hasValue(Checksums.of(algorithm, parts.get(n - 1)));
            listed.add("{\"PartNumber\":" + n + ",\"ETag\":" + Api.quote(sent.headers().firstValue("ETag").orElseThrow())
                    + ",\"Checksum" + algorithm + "\":\"" + Checksums.of(algorithm, parts.get(n - 1)) + "\"}");
        }

        String body = "{\"parts\":[" + String.join(",", listed) + "],\"checksum\":\"" + Checksums.of(algorithm, file) + "\"}";
        Answer completed = complete(key, uploadId, body);
        Answer repeated = complete(key, uploadId, body);

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("checksum").toString()).isEqualTo("{\"algorithm\":\"" + algorithm
                + "\",\"type\":\"FULL_OBJECT\",\"value\":\"" + Checksums.of(algorithm, file) + "\"}");
        assertThat(repeated.body()).isEqualTo(completed.body());
        Answer download = api.download(key);
        assertThat(download.body().get("checksum")).isEqualTo(completed.body().get("checksum"));
        assertThat(PlainHttp.sha256(PlainHttp.get(download.text("url")).body())).isEqualTo(PlainHttp.sha256(file));
    }

    @Test
    void part_bytesOtherThanItsBoundChecksum_isRefusedAndNothingIsStored() throws Exception {
        byte[] part = PlainHttp.randomBytes(1000, 7);
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":1000,\"checksumAlgorithm\":\"CRC32C\"}");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        Answer signed = part(key, uploadId, 1, Checksums.of("CRC32C", part));
        byte[] corrupted = part.clone();
        corrupted[500] ^= 1;

        HttpResponse<byte[]> refused = PlainHttp.put(signed.text("url"), corrupted, Api.headers(signed));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body())).contains("BadDigest");
        assertThat(api.listParts(key, uploadId).body()).isEmpty();
        assertThat(PlainHttp.put(signed.text("url"), part, Api.headers(signed)).statusCode()).isEqualTo(200);
        api.abort(key, uploadId);
    }

    @Test
    void complete_wrongWholeObjectChecksum_isBadDigestAndLeavesNoObject() throws Exception {
        byte[] file = PlainHttp.randomBytes(2000, 8);
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":2000,\"checksumAlgorithm\":\"CRC32C\"}");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        Answer signed = part(key, uploadId, 1, Checksums.of("CRC32C", file));
        String etag = PlainHttp.put(signed.text("url"), file, Api.headers(signed)).headers().firstValue("ETag").orElseThrow();
        byte[] other = file.clone();
        other[0] ^= 1;

        Answer completed = complete(key, uploadId, "{\"parts\":[{\"PartNumber\":1,\"ETag\":" + Api.quote(etag) + "}],\"checksum\":\""
                + Checksums.of("CRC32C", other) + "\"}");

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(400);
        assertThat(completed.text("code")).isEqualTo("BadDigest");
        assertThat(objectExists(key)).isFalse();
        // S3 keeps the upload open for another try (abort frees it); S3Proxy drops it at once.
        assertThat(api.abort(key, uploadId).status()).isIn(200, 404);
    }

    @Test
    void compositeSha256_needsEveryPartsChecksumAndAnswersTheComposite() throws Exception {
        byte[] file = PlainHttp.randomBytes(5 * MIB + 3, 9);
        List<byte[]> parts = List.of(Arrays.copyOfRange(file, 0, 5 * MIB), Arrays.copyOfRange(file, 5 * MIB, file.length));
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":" + file.length + ",\"partSize\":" + 5 * MIB
                + ",\"checksumAlgorithm\":\"sha256\"}");
        assertThat(created.text("checksumType")).isEqualTo("COMPOSITE");
        String key = created.text("key");
        String uploadId = created.text("uploadId");
        Answer unbound = api.presignPart(key, uploadId, 1);
        assertThat(unbound.status()).isEqualTo(400);
        assertThat(unbound.text("message")).contains("checksum").contains("COMPOSITE");

        List<String> etags = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            Answer signed = part(key, uploadId, n, Checksums.of("SHA256", parts.get(n - 1)));
            etags.add(PlainHttp.put(signed.text("url"), parts.get(n - 1), Api.headers(signed)).headers().firstValue("ETag").orElseThrow());
        }
        Answer withoutChecksums = complete(key, uploadId, "{\"parts\":[{\"PartNumber\":1,\"ETag\":" + Api.quote(etags.get(0))
                + "},{\"PartNumber\":2,\"ETag\":" + Api.quote(etags.get(1)) + "}]}");
        Answer completed = complete(key, uploadId, "{\"parts\":[{\"PartNumber\":1,\"ETag\":" + Api.quote(etags.get(0))
                + ",\"ChecksumSHA256\":\"" + Checksums.of("SHA256", parts.get(0)) + "\"},{\"PartNumber\":2,\"ETag\":" + Api.quote(etags.get(1))
                + ",\"ChecksumSHA256\":\"" + Checksums.of("SHA256", parts.get(1)) + "\"}]}");

        assertThat(withoutChecksums.status()).isEqualTo(400);
        assertThat(withoutChecksums.text("code")).isEqualTo("InvalidPart");
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("checksum").get("type").asText()).isEqualTo("COMPOSITE");
        assertThat(completed.body().get("checksum").get("value").asText()).isEqualTo(Checksums.composite("SHA256", parts));
    }

    @Test
    void create_combinationsS3Refuses_areInvalidRequestNamingTheField() {
        Map<String, String> refused = Map.of(
                "\"checksumAlgorithm\":\"SHA256\",\"checksumType\":\"FULL_OBJECT\"", "checksumType",
                "\"checksumAlgorithm\":\"CRC64NVME\",\"checksumType\":\"COMPOSITE\"", "checksumType",
                "\"checksumType\":\"FULL_OBJECT\"", "checksumType",
                "\"checksumAlgorithm\":\"MD5\"", "checksumAlgorithm",
                "\"checksumAlgorithm\":\"CRC32C\",\"checksumType\":\"WHOLE\"", "checksumType");
        refused.forEach((fields, field) -> {
            Answer answer = SizeBindingIT.create(api, "{\"filename\":\"a.bin\"," + fields + "}");
            assertThat(answer.status()).as(fields).isEqualTo(400);
            assertThat(answer.text("message")).as(fields).startsWith(field);
        });
    }

    @Test
    void presignPart_checksumOnAnUploadWithoutOne_isInvalidRequest() {
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":10}");

        Answer signed = part(created.text("key"), created.text("uploadId"), 1, "AAAAAA==");

        assertThat(signed.status()).isEqualTo(400);
        assertThat(signed.text("message")).contains("without checksumAlgorithm");
        api.abort(created.text("key"), created.text("uploadId"));
    }

    @Test
    void presignBatch_checksumCountOtherThanPartCount_isInvalidRequest() {
        Answer created = SizeBindingIT.create(api, "{\"filename\":\"a.bin\",\"size\":20000000,\"checksumAlgorithm\":\"CRC32C\"}");

        Answer batch = batch(created.text("key"), created.text("uploadId"), "1,2", "AAAAAA==");

        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.text("message")).startsWith("query parameter checksums");
        api.abort(created.text("key"), created.text("uploadId"));
    }

    @Test
    void singlePut_withSha256_bindsItAndTheDownloadReportsIt() throws Exception {
        byte[] file = "hello, checksums".getBytes();
        Answer put = Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params").query("filename", "a.txt").query("type", "text/plain")
                .query("method", "PUT").query("size", Integer.toString(file.length)).query("checksumAlgorithm", "SHA256")
                .query("checksum", Checksums.of("SHA256", file)).build());
        assertThat(put.body().get("headers").get("x-amz-checksum-sha256").asText()).isEqualTo(Checksums.of("SHA256", file));
        byte[] other = file.clone();
        other[0] = 'j';

        assertThat(PlainHttp.put(put.text("url"), other, Api.headers(put)).statusCode()).isEqualTo(400);
        assertThat(PlainHttp.put(put.text("url"), file, Api.headers(put)).statusCode()).isEqualTo(200);
        Answer download = api.download(put.text("key"));
        assertThat(download.body().get("checksum").get("algorithm").asText()).isEqualTo("SHA256");
        assertThat(download.body().get("checksum").get("value").asText()).isEqualTo(Checksums.of("SHA256", file));
        assertThat(download.body().get("size").asLong()).isEqualTo(file.length);
    }

    private static Answer part(String key, String uploadId, int partNumber, String checksum) {
        return Api.call(api.presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}").path("uploadId", uploadId)
                .path("partNumber", Integer.toString(partNumber)).query("key", key).query("checksum", checksum).build());
    }

    private static Answer batch(String key, String uploadId, String partNumbers, String checksums) {
        return Api.call(api.presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/batch").path("uploadId", uploadId)
                .query("key", key).query("partNumbers", partNumbers).query("checksums", checksums).build());
    }

    private static Answer complete(String key, String uploadId, String body) {
        return Api.call(api.complete, HttpEvents.request("POST", "/s3/multipart/{uploadId}/complete").path("uploadId", uploadId)
                .query("key", key).body(body).build());
    }

    private static boolean objectExists(String key) {
        try {
            s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
