package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.testing.PlainHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The embedded S3 server against S3's own rules: an upload id belongs to its key and dies with
 * complete or abort, parts complete in order, and a body sent as a form is stored like any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedS3IT {
    private static final String BUCKET = "rules";
    private static final byte[] FIVE_MIB = new byte[5 * 1024 * 1024];

    private EmbeddedS3 server;
    private S3Client s3;
    private S3Presigner presigner;

    @BeforeAll
    void start() throws Exception {
        server = EmbeddedS3.start(Files.createTempDirectory("rules-s3"), 0, List.of("*"));
        s3 = LocalModeIT.adminClient(server.connection());
        s3.createBucket(b -> b.bucket(BUCKET));
        presigner = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(server.connection().endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        presigner.close();
        s3.close();
        server.close();
    }

    @Test
    void multipart_uploadIdWithAnotherKey_isNoSuchUploadOnEveryOperation() {
        String id = create("alice/a.bin");
        s3.uploadPart(b -> b.bucket(BUCKET).key("alice/a.bin").uploadId(id).partNumber(1), RequestBody.fromString("mine"));

        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("bob/b.bin").uploadId(id).partNumber(1),
                RequestBody.fromString("theirs")));
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("bob/b.bin").uploadId(id)));
        assertNoSuchUpload(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("bob/b.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))));
        assertNoSuchUpload(() -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("bob/b.bin").uploadId(id)));
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("alice/a.bin").uploadId(id)).parts())
                .as("the owner's upload is untouched").hasSize(1);
    }

    @Test
    void multipart_afterAbort_isNoSuchUpload() {
        String id = create("aborted.bin");
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("aborted.bin").uploadId(id));

        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("aborted.bin").uploadId(id).partNumber(1),
                RequestBody.fromString("late")));
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("aborted.bin").uploadId(id)));
        assertNoSuchUpload(() -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("aborted.bin").uploadId(id)));
    }

    @Test
    void multipart_afterComplete_partPutIsNoSuchUpload() {
        String id = create("done.bin");
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("done.bin").uploadId(id).partNumber(1), RequestBody.fromString("all")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("done.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("done.bin").uploadId(id).partNumber(2),
                RequestBody.fromString("late")));
        assertNoSuchUpload(() -> s3.listParts(b -> b.bucket(BUCKET).key("done.bin").uploadId(id)));
    }

    @Test
    void multipart_unknownUploadId_isNoSuchUpload() {
        assertNoSuchUpload(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("never.bin").uploadId("bm90LWFuLXVwbG9hZA").partNumber(1),
                RequestBody.fromString("x")));
    }

    @Test
    void complete_partsOutOfOrder_isInvalidPartOrder() {
        String id = create("order.bin");
        String first = s3.uploadPart(b -> b.bucket(BUCKET).key("order.bin").uploadId(id).partNumber(1), RequestBody.fromBytes(FIVE_MIB)).eTag();
        String second = s3.uploadPart(b -> b.bucket(BUCKET).key("order.bin").uploadId(id).partNumber(2), RequestBody.fromString("end")).eTag();

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("order.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(second).build(),
                        CompletedPart.builder().partNumber(1).eTag(first).build()))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder");
                });
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("order.bin").uploadId(id)).parts()).as("still open").hasSize(2);
    }

    @Test
    void presignedPut_formUrlEncodedContentType_isStoredAsSent() throws Exception {
        byte[] body = "a=1&b=2&c=%ZZ".getBytes(StandardCharsets.US_ASCII);
        String url = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(p -> p.bucket(BUCKET).key("form.txt").contentType("application/x-www-form-urlencoded")))
                .url().toString();

        HttpResponse<byte[]> put = PlainHttp.put(url, body, Map.of("content-type", "application/x-www-form-urlencoded"));

        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("form.txt")).asByteArray()).isEqualTo(body);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("form.txt")).contentType()).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void presignedPartPut_formUrlEncodedContentType_isStoredAsSent() throws Exception {
        String id = create("form-part.bin");
        byte[] body = "x=y".getBytes(StandardCharsets.US_ASCII);
        String url = presigner.presignUploadPart(b -> b.signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(p -> p.bucket(BUCKET).key("form-part.bin").uploadId(id).partNumber(1))).url().toString();

        HttpResponse<byte[]> put = PlainHttp.put(url, body, Map.of("content-type", "application/x-www-form-urlencoded"));

        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(s3.listParts(b -> b.bucket(BUCKET).key("form-part.bin").uploadId(id)).parts())
                .singleElement().satisfies(part -> assertThat(part.size()).isEqualTo(3L));
    }

    private String create(String key) {
        return s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    }

    private static void assertNoSuchUpload(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload");
        });
    }
}
