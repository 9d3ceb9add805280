package dev.uploadgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * S3 failing during CompleteMultipartUpload, injected into S3Proxy's blob store: whatever fails, a
 * complete answers either 200 for the finished object or a clear retryable error, a retried
 * complete finishes the object exactly once with the same answer, and the object's bytes are the
 * ones uploaded (SHA-256) -- never a corrupt or half-assembled object.
 */
class CompleteFaultsIT {
    private static final int MIB = 1024 * 1024;
    /** CompleteMultipartFunction's timeout in template.yaml. */
    private static final long LAMBDA_TIMEOUT_MILLIS = 60_000;

    private static S3ProxyServer s3;
    private static FlakyCompletes store;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        AtomicReference<FlakyCompletes> wrapper = new AtomicReference<>();
        s3 = S3ProxyServer.start(real -> {
            wrapper.set(new FlakyCompletes(real));
            return wrapper.get();
        });
        store = wrapper.get();
        api = new Api(s3.environment());
    }

    @AfterEach
    void healTheStore() {
        store.reset();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void complete_s3FailsOnce_theSdkRetriesAndTheObjectIsAssembledOnce() throws Exception {
        Upload upload = Upload.start(1);
        store.failBeforeAssembling(1);

        Answer completed = api.complete(upload.key, upload.uploadId, upload.parts);

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(store.assembled()).isEqualTo(1);
        upload.assertStoredAs(completed);
    }

    @Test
    void complete_s3FailsOnEveryAttempt_answersServiceUnavailableAndARetryFinishesTheObject() throws Exception {
        Upload upload = Upload.start(2);
        store.failBeforeAssembling(100);

        long started = System.nanoTime();
        Answer failed = api.complete(upload.key, upload.uploadId, upload.parts);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("FAULT complete-fails-every-attempt " + millis + " ms, " + store.calls() + " attempts");

        assertThat(failed.status()).as(failed.body().toString()).isEqualTo(503);
        assertThat(failed.text("code")).isEqualTo("ServiceUnavailable");
        assertThat(millis).isLessThan(LAMBDA_TIMEOUT_MILLIS);
        assertThat(store.assembled()).isZero();
        assertThat(api.listParts(upload.key, upload.uploadId).body()).as("the upload survives, ready for a retry").hasSize(2);
        assertThat(s3.admin().listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(upload.key)).contents()).isEmpty();

        store.reset();
        Answer retried = api.complete(upload.key, upload.uploadId, upload.parts);

        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(store.assembled()).isEqualTo(1);
        upload.assertStoredAs(retried);
    }

    @Test
    void complete_objectAssembledButTheResponseLost_answersTheFinishedObjectAndRepeatsItsAnswer() throws Exception {
        Upload upload = Upload.start(3);
        store.failAfterAssembling(1);

        Answer completed = api.complete(upload.key, upload.uploadId, upload.parts);

        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        assertThat(store.assembled()).as("assembled once; the SDK's retry found it done").isEqualTo(1);
        upload.assertStoredAs(completed);
        Answer again = api.complete(upload.key, upload.uploadId, upload.parts);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(completed.body());
        assertThat(store.assembled()).isEqualTo(1);
    }

    @Test
    void complete_everyResponseLost_answersClearlyAndARetryReportsTheSameObject() throws Exception {
        Upload upload = Upload.start(4);
        store.failAfterAssembling(100);

        Answer first = api.complete(upload.key, upload.uploadId, upload.parts);

        assertThat(first.status()).as(first.body().toString()).isIn(200, 503);
        if (first.status() == 503) {
            assertThat(first.text("code")).isEqualTo("ServiceUnavailable");
        }
        store.reset();
        Answer retried = api.complete(upload.key, upload.uploadId, upload.parts);
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(store.assembled()).as("nothing assembled twice").isZero();
        upload.assertStoredAs(retried);
        if (first.status() == 200) {
            assertThat(first.body()).isEqualTo(retried.body());
        }
    }

    /** A slow assembly: within the complete function's S3 budget, so it simply answers late, and correctly. */
    @Test
    void complete_s3SlowToAssemble_answersInTimeAndTheObjectIsIntact() throws Exception {
        Upload upload = Upload.start(5);
        store.delayOnce(5_000);

        long started = System.nanoTime();
        Answer first = api.complete(upload.key, upload.uploadId, upload.parts);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("FAULT complete-delayed-5s " + millis + " ms, status " + first.status());

        assertThat(millis).isLessThan(LAMBDA_TIMEOUT_MILLIS);
        assertThat(first.status()).as(first.body().toString()).isIn(200, 503);
        while (store.inFlight() > 0) {
            Thread.sleep(50);
        }
        Answer retried = api.complete(upload.key, upload.uploadId, upload.parts);
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        upload.assertStoredAs(retried);
        if (first.status() == 200) {
            assertThat(first.body()).isEqualTo(retried.body());
        }
    }

    /** An upload with a 5 MiB part and a small last part, both sent through presigned URLs. */
    private record Upload(String key, String uploadId, String parts, byte[] file) {
        static Upload start(long seed) throws Exception {
            byte[] file = PlainHttp.randomBytes(5 * MIB + 1_000, seed);
            Answer created = api.createUpload("faulty.bin", "application/octet-stream");
            String key = created.text("key");
            String uploadId = created.text("uploadId");
            String first = put(key, uploadId, 1, Arrays.copyOfRange(file, 0, 5 * MIB));
            String second = put(key, uploadId, 2, Arrays.copyOfRange(file, 5 * MIB, file.length));
            String parts = "[{\"PartNumber\":1,\"ETag\":" + Api.quote(first) + "},{\"PartNumber\":2,\"ETag\":" + Api.quote(second) + "}]";
            return new Upload(key, uploadId, parts, file);
        }

        private static String put(String key, String uploadId, int partNumber, byte[] body) throws Exception {
            HttpResponse<byte[]> response = PlainHttp.put(api.presignPart(key, uploadId, partNumber).text("url"), body, Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.headers().firstValue("ETag").orElseThrow();
        }

        /** The answer describes the object S3 holds, and the object holds exactly the uploaded bytes. */
        void assertStoredAs(Answer completed) throws Exception {
            HeadObjectResponse head = s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
            assertThat(completed.text("etag")).isEqualTo(head.eTag()).matches("\"[0-9a-f]{32}-2\"");
            assertThat(completed.body().get("size").asLong()).isEqualTo(file.length).isEqualTo(head.contentLength());
            HttpResponse<byte[]> download = PlainHttp.get(api.download(key).text("url"));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(PlainHttp.sha256(download.body())).isEqualTo(PlainHttp.sha256(file));
        }
    }
}
