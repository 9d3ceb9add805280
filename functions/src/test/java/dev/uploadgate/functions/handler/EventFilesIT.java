package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files under events/ are what `sam local invoke -e` feeds the functions. Each file's bytes
 * are handed to its stream handler as Lambda hands them, and run against the S3 server; the
 * multipart ones drive a real upload, with the recorded upload id, key or body replaced in the
 * JSON and nothing else touched.
 */
class EventFilesIT extends S3ProxyIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final int MIB = 1024 * 1024;

    @Test
    void eventsFolder_everyFile_isCoveredByThisTest() throws Exception {
        // The authorizer variants (name.iam-user.json, name.assumed-role.json, name.jwt.json) run
        // in local mode's EventFilesIT, which checks the owner each yields.
        try (Stream<Path> files = Files.list(EVENTS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(name -> name.indexOf('.') == name.lastIndexOf('.')))
                    .containsExactlyInAnyOrder(
                    "create-multipart.json", "presign-part.json", "presign-parts-batch.json", "complete-multipart.json",
                    "list-parts.json", "abort-multipart.json", "presign-put-object.json", "presign-post-object.json",
                    "presign-download.json");
        }
    }

    @Test
    void multipartEvents_asRecorded_driveAWholeUpload() throws Exception {
        Answer created = run(api.create, load("create-multipart.json"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("key")).endsWith("/holiday video.mp4");
        assertThat(created.body().get("partSize").asLong()).isEqualTo(8L * MIB);
        assertThat(created.body().get("partCount").asInt()).isEqualTo(2);
        String key = created.text("key");
        String uploadId = created.text("uploadId");

        Answer single = run(api.presignPart, forUpload(load("presign-part.json"), key, uploadId));
        assertThat(single.status()).as(single.body().toString()).isEqualTo(200);
        Answer batch = run(api.presignPart, forUpload(load("presign-parts-batch.json"), key, uploadId));
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(200);
        assertThat(batch.body().get("presignedUrls").size()).isEqualTo(2);

        // The create event declares 15 MiB: parts of 8 MiB and 7 MiB, each URL bound to its length.
        byte[] first = PlainHttp.randomBytes(8 * MIB, 11);
        byte[] second = PlainHttp.randomBytes(7 * MIB, 12);
        String etag1 = PlainHttp.put(single.text("url"), first, Map.of()).headers().firstValue("ETag").orElseThrow();
        String etag2 = PlainHttp.put(batch.body().get("presignedUrls").get("2").asText(), second, Map.of())
                .headers().firstValue("ETag").orElseThrow();

        Answer listed = run(api.listParts, forUpload(load("list-parts.json"), key, uploadId));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).hasSize(2);

        ObjectNode complete = tree(forUpload(load("complete-multipart.json"), key, uploadId));
        complete.put("body", Base64.getEncoder().encodeToString(("{\"parts\":[{\"PartNumber\":1,\"ETag\":" + Api.quote(etag1)
                + "},{\"PartNumber\":2,\"ETag\":" + Api.quote(etag2) + "}]}").getBytes(StandardCharsets.UTF_8)));
        Answer completed = run(api.complete, bytes(complete));
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(completed.body().get("size").asLong()).isEqualTo(first.length + second.length);

        ObjectNode download = tree(load("presign-download.json"));
        download.put("rawQueryString", "key=" + encode(key));
        byte[] got = PlainHttp.get(run(api.presignObject, bytes(download)).text("url")).body();
        byte[] sent = new byte[first.length + second.length];
        System.arraycopy(first, 0, sent, 0, first.length);
        System.arraycopy(second, 0, sent, first.length, second.length);
        assertThat(PlainHttp.sha256(got)).isEqualTo(PlainHttp.sha256(sent));
    }

    @Test
    void abortEvent_forARealUpload_abortsIt() throws Exception {
        Answer created = run(api.create, load("create-multipart.json"));

        Answer aborted = run(api.abort, forUpload(load("abort-multipart.json"), created.text("key"), created.text("uploadId")));

        assertThat(aborted.status()).as(aborted.body().toString()).isEqualTo(200);
        assertThat(aborted.body().isEmpty()).isTrue();
    }

    @Test
    void uploadEvents_asRecorded_referToAnUploadThatDoesNotExist() {
        Answer completed = run(api.complete, load("complete-multipart.json"));

        assertThat(completed.status()).isEqualTo(404);
        assertThat(completed.text("code")).isEqualTo("NoSuchUpload");
    }

    @Test
    void singleObjectEvents_asRecorded_areSigned() throws Exception {
        Answer put = run(api.presignObject, load("presign-put-object.json"));
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        assertThat(put.text("method")).isEqualTo("PUT");
        assertThat(put.body().get("headers").get("content-length").asText()).isEqualTo("12");
        Map<String, String> headers = new HashMap<>();
        put.body().get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        assertThat(PlainHttp.put(put.text("url"), "hello, world".getBytes(StandardCharsets.UTF_8), headers).statusCode()).isEqualTo(200);

        Answer post = run(api.presignObject, load("presign-post-object.json"));
        assertThat(post.status()).as(post.body().toString()).isEqualTo(200);
        assertThat(post.text("method")).isEqualTo("POST");
        assertThat(post.text("key")).endsWith("/photo 1.jpg");
        JsonNode fields = post.body().get("fields");
        assertThat(fields.get("Content-Type").asText()).isEqualTo("image/jpeg");
        assertThat(fields.get("x-amz-meta-name").asText()).isEqualTo("photo 1.jpg");
        for (String field : List.of("policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature")) {
            assertThat(fields.has(field)).as(field).isTrue();
        }

        // The recorded key is the caller's, but no such object exists in this bucket.
        Answer download = run(api.presignObject, load("presign-download.json"));
        assertThat(download.status()).as(download.body().toString()).isEqualTo(404);
        assertThat(download.text("code")).isEqualTo("NotFound");
    }

    /** The file's bytes, as `sam local invoke -e` passes them. */
    private static byte[] load(String file) {
        try {
            return Files.readAllBytes(EVENTS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer run(RequestStreamHandler handler, byte[] event) {
        return Api.call(handler, event);
    }

    /** The recorded event, pointed at an upload that exists on the test server. */
    private static byte[] forUpload(byte[] recorded, String key, String uploadId) {
        ObjectNode event = tree(recorded);
        ObjectNode path = (ObjectNode) event.get("pathParameters");
        String recordedId = path.get("uploadId").asText();
        path.put("uploadId", uploadId);
        event.put("rawPath", event.get("rawPath").asText().replace(recordedId, encode(uploadId)));
        event.put("rawQueryString", event.get("rawQueryString").asText().replaceFirst("key=[^&]*", "key=" + encode(key)));
        return bytes(event);
    }

    private static ObjectNode tree(byte[] event) {
        try {
            return (ObjectNode) JSON.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
