package dev.uploadgate.client;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import dev.uploadgate.client.testing.Checksums;
import dev.uploadgate.client.testing.FaultProxy;
import dev.uploadgate.client.testing.FaultScript;
import dev.uploadgate.client.testing.TestFiles;
import dev.uploadgate.client.testing.TestStack;
import dev.uploadgate.client.testing.TestStackExtension;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures injected on chosen requests by the proxies in front of S3 and of the API: the
 * transfer must still bring the right bytes, and send exactly as many requests as the retry
 * policy allows, no more.
 */
@ExtendWith(TestStackExtension.class)
class FaultToleranceIT {
    private static final long PART = 5 * MIB;
    private static final int ATTEMPTS = 4;
    private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(ATTEMPTS)
            .baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build();
    private static TestStack stack;
    private static Uploader uploader;

    @TempDir
    Path dir;
    private byte[] bytes;
    private Path file;

    @BeforeAll
    static void connect(TestStack testStack) {
        stack = testStack;
        uploader = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(3).retryPolicy(QUICK).build();
    }

    @BeforeEach
    void threePartFile() throws Exception {
        bytes = TestFiles.randomBytes(2 * PART + 1234, 42);
        file = TestFiles.write(dir, "three-parts.bin", bytes);
    }

    @Test
    void upload_connectionDroppedOnce_resendsThatPartOnce() {
        stack.proxy().rules(new FaultScript().onPart(2, 1, FaultProxy.DROP));

        UploadResult result = uploader.upload(file);

        assertThat(partPuts()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 1L, 2, 2L, 3, 1L));
        assertStored(result);
    }

    @Test
    void upload_500And503_retriesEachPartAsOftenAsItFailed() {
        stack.proxy().rules(new FaultScript().onPart(1, 1, FaultProxy.status(500)).onPart(3, 2, FaultProxy.status(503)));

        UploadResult result = uploader.upload(file);

        assertThat(partPuts()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 2L, 2, 1L, 3, 3L));
        assertStored(result);
    }

    @Test
    void upload_expiredUrl_presignsThatPartAgainAndResends() {
        stack.proxy().rules(new FaultScript().onPart(2, 1, FaultProxy.expired()));

        UploadResult result = uploader.upload(file);

        assertThat(partPuts()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 1L, 2, 2L, 3, 1L));
        assertThat(stack.api().seen().stream().filter(c -> c.path().endsWith("/batch"))
                .flatMap(c -> Arrays.stream(c.query().get("partNumbers").split(","))))
                .as("part 2 presigned again, the others once").containsExactlyInAnyOrder("1", "2", "2", "3");
        assertStored(result);
    }

    @Test
    void upload_partKeepsFailing_givesUpAfterMaxAttemptsAndAborts() {
        stack.proxy().rules(new FaultScript().onPart(2, -1, FaultProxy.status(503)));

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.TRANSFER);
        assertThat(failure.getMessage()).contains("part 2", "after " + ATTEMPTS + " attempts", "was aborted");
        assertThat(failure.leftBehind()).isFalse();
        assertThat(partPuts().get(2)).isEqualTo(ATTEMPTS);
        assertThat(stack.api().seen()).filteredOn(c -> c.method().equals("DELETE")).hasSize(1);
        assertThat(stack.uploadExists(failure.key().orElseThrow(), failure.uploadId().orElseThrow())).isFalse();
    }

    @Test
    void upload_partRefusedWith400_failsWithoutRetryAndAborts() {
        stack.proxy().rules(new FaultScript().onPart(1, -1, new FaultProxy.Answer(400,
                "<Error><Code>InvalidArgument</Code><Message>no</Message></Error>", Map.of())));

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.REFUSED);
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.errorCode()).contains("InvalidArgument");
        assertThat(partPuts().get(1)).isEqualTo(1);
        assertThat(stack.uploadExists(failure.key().orElseThrow(), failure.uploadId().orElseThrow())).isFalse();
    }

    @Test
    void upload_partBodyCorruptedOnTheWireOnce_isRefusedByS3AndSentAgain() {
        stack.proxy().rules(new FaultScript().onPart(2, 1, FaultProxy.CORRUPT));

        UploadResult result = uploader.upload(file);

        assertThat(partPuts()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 1L, 2, 2L, 3, 1L));
        assertThat(result.checksum().value()).isEqualTo(Checksums.crc32c(bytes));
        assertStored(result);
    }

    @Test
    void upload_partBodyAlwaysCorrupted_failsWithBadDigestAndStoresNothing() {
        stack.proxy().rules(new FaultScript().onPart(2, -1, FaultProxy.CORRUPT));

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.INTEGRITY);
        assertThat(failure.errorCode()).contains("BadDigest");
        assertThat(failure.getMessage()).contains("part 2", "BadDigest", "CRC32C", "changes them", "was aborted");
        assertThat(partPuts().get(2)).isEqualTo(ATTEMPTS);
        assertThat(stack.api().seen()).noneMatch(c -> c.path().endsWith("/complete"));
        assertThat(stack.uploadExists(failure.key().orElseThrow(), failure.uploadId().orElseThrow())).isFalse();
        assertThat(stack.objectExists(failure.key().orElseThrow())).isFalse();
    }

    @Test
    void upload_md5PartBodyCorruptedOnce_isRefusedByContentMd5AndSentAgain() {
        stack.proxy().rules(new FaultScript().onPart(1, 1, FaultProxy.CORRUPT));
        Uploader md5 = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(3).retryPolicy(QUICK)
                .checksum(ChecksumAlgorithm.MD5).build();

        UploadResult result = md5.upload(file);

        assertThat(partPuts()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 2L, 2, 1L, 3, 1L));
        assertThat(result.checksum()).isNull();
        assertStored(result);
    }

    @Test
    void upload_partAnsweredWithWrongChecksum_failsTheIntegrityCheck() {
        stack.proxy().rules(new FaultScript().onPart(3, -1, new FaultProxy.Answer(200, "",
                Map.of("ETag", "\"00000000000000000000000000000000\"", "x-amz-checksum-crc32c", "AAAAAA=="))));

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.INTEGRITY);
        assertThat(failure.getMessage()).contains("part 3", "CRC32C AAAAAA==", "was aborted");
        assertThat(partPuts().get(3)).isEqualTo(1);
    }

    @Test
    void upload_partAnsweredWithoutItsChecksum_failsTheIntegrityCheck() {
        stack.proxy().rules(new FaultScript().onPart(1, -1, new FaultProxy.Answer(200, "",
                Map.of("ETag", "\"00000000000000000000000000000000\""))));

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.INTEGRITY);
        assertThat(failure.getMessage()).contains("part 1", "no x-amz-checksum-crc32c header", "was aborted");
        assertThat(stack.uploadExists(failure.key().orElseThrow(), failure.uploadId().orElseThrow())).isFalse();
    }

    @Test
    void upload_md5PartAnsweredWithWrongETag_failsTheIntegrityCheck() {
        stack.proxy().rules(new FaultScript().onPart(3, -1, new FaultProxy.Answer(200, "",
                Map.of("ETag", "\"00000000000000000000000000000000\""))));
        Uploader md5 = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(3).retryPolicy(QUICK)
                .checksum(ChecksumAlgorithm.MD5).build();

        TransferException failure = catchThrowableOfType(TransferException.class, () -> md5.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.INTEGRITY);
        assertThat(failure.getMessage()).contains("part 3", "was aborted");
        assertThat(partPuts().get(3)).isEqualTo(1);
    }

    @Test
    void upload_apiAnswers503OnComplete_retriesTheCall() {
        AtomicInteger completes = new AtomicInteger();
        stack.api().rules(call -> call.path().endsWith("/complete") && completes.incrementAndGet() == 1
                ? FaultProxy.apiStatus(503) : FaultProxy.FORWARD);

        UploadResult result = uploader.upload(file);

        assertThat(stack.api().seen()).filteredOn(c -> c.path().endsWith("/complete")).hasSize(2);
        assertStored(result);
    }

    @Test
    void upload_completeDoneButItsAnswerLost_asksAgainAndGetsTheSameObject() {
        AtomicInteger completes = new AtomicInteger();
        AtomicBoolean storedBeforeTheRetry = new AtomicBoolean();
        stack.api().rules(call -> {
            if (!call.path().endsWith("/complete")) {
                return FaultProxy.FORWARD;
            }
            if (completes.incrementAndGet() == 1) {
                return new FaultProxy.Lose(504);
            }
            // The lost answer's complete did run: the object is there before the client asks again.
            storedBeforeTheRetry.set(stack.objectExists(call.query().get("key")));
            return FaultProxy.FORWARD;
        });

        UploadResult result = uploader.upload(file);

        assertThat(storedBeforeTheRetry).isTrue();
        assertThat(stack.api().seen()).filteredOn(c -> c.path().endsWith("/complete")).hasSize(2);
        assertThat(stack.api().seen()).noneMatch(c -> c.method().equals("DELETE"));
        assertStored(result);
    }

    @Test
    void upload_apiRefusesCreate_failsAtOnceWithItsCode() {
        stack.api().rules(call -> call.method().equals("POST") && call.path().equals("/s3/multipart")
                ? FaultProxy.apiStatus(415) : FaultProxy.FORWARD);

        TransferException failure = catchThrowableOfType(TransferException.class, () -> uploader.upload(file));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.REFUSED);
        assertThat(failure.status()).isEqualTo(415);
        assertThat(stack.api().seen()).hasSize(1);
    }

    @Test
    void download_rangeDroppedAndUrlExpired_retriesAndPresignsAgain() throws Exception {
        UploadResult uploaded = uploader.upload(file);
        stack.reset();
        stack.proxy().rules(new FaultScript().onRange(2 * MIB, 1, FaultProxy.DROP).onRange(4 * MIB, 1, FaultProxy.expired())
                .onRange(6 * MIB, 2, FaultProxy.status(500)));
        Downloader downloader = Downloader.builder().apiUrl(stack.apiUrl()).rangeSize(2 * MIB).concurrency(3).retryPolicy(QUICK).build();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DownloadResult result = downloader.download(uploaded.key(), out);

        assertThat(TestFiles.sha256(out.toByteArray())).isEqualTo(TestFiles.sha256(bytes));
        assertThat(result.size()).isEqualTo(bytes.length);
        assertThat(result.verification()).isEqualTo("full-object CRC32C");
        long ranges = (bytes.length + 2 * MIB - 1) / (2 * MIB);
        assertThat(stack.proxy().count(FaultProxy.Seen::isRangeGet)).isEqualTo(ranges + 1 + 1 + 2);
        assertThat(stack.api().seen()).filteredOn(c -> c.method().equals("GET") && c.path().equals("/s3/download")).hasSize(2);
    }

    @Test
    void download_rangeCorruptedOnTheWay_failsTheFullObjectCrcCheck() throws Exception {
        UploadResult uploaded = uploader.upload(file);
        stack.reset();
        stack.proxy().rules(new FaultScript().onRange(4 * MIB, 1, FaultProxy.CORRUPT));
        Downloader downloader = Downloader.builder().apiUrl(stack.apiUrl()).rangeSize(2 * MIB).concurrency(3).retryPolicy(QUICK).build();
        Path target = dir.resolve("corrupted.bin");

        TransferException failure = catchThrowableOfType(TransferException.class, () -> downloader.download(uploaded.key(), target));

        assertThat(failure.kind()).isEqualTo(TransferException.Kind.INTEGRITY);
        assertThat(failure.getMessage()).contains("CRC32C", uploaded.checksum().value(), "download it again");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("corrupted.bin.download")).doesNotExist();
    }

    private Map<Integer, Long> partPuts() {
        return stack.proxy().seen().stream().filter(FaultProxy.Seen::isPartPut)
                .collect(groupingBy(FaultProxy.Seen::partNumber, counting()));
    }

    private void assertStored(UploadResult result) {
        assertThat(result.size()).isEqualTo(bytes.length);
        assertThat(TestFiles.sha256(stack.objectBytes(result.key()))).isEqualTo(TestFiles.sha256(bytes));
    }

}
