package dev.uploadgate.client;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.client.testing.Checksums;
import dev.uploadgate.client.testing.FaultProxy;
import dev.uploadgate.client.testing.FaultScript;
import dev.uploadgate.client.testing.TestFiles;
import dev.uploadgate.client.testing.TestStack;
import dev.uploadgate.client.testing.TestStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload stopped mid-way (its thread interrupted while later parts hang at the proxy) and
 * resumed from its state file: only the missing parts travel again, and the object is right.
 */
@ExtendWith(TestStackExtension.class)
class ResumeIT {
    private static final long PART = 5 * MIB;
    private static TestStack stack;

    @TempDir
    Path dir;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void connect(TestStack testStack) {
        stack = testStack;
    }

    @AfterEach
    void releaseHeldRequests() {
        release.countDown();
    }

    @Test
    void upload_stoppedMidwayThenResumed_sendsOnlyMissingPartsAndStoresTheFile() throws Exception {
        byte[] bytes = TestFiles.randomBytes(5 * PART + 100, 7);
        Path file = TestFiles.write(dir, "resumable.bin", bytes);
        Path state = dir.resolve("resumable.state");
        stack.proxy().rules(new FaultScript().on(seen -> seen.isPartPut() && seen.partNumber() >= 4, -1, new FaultProxy.Hold(release)));

        TransferException stopped = stopWhenPartsFinished(file, state, 3);

        assertThat(stopped.kind()).isEqualTo(TransferException.Kind.CANCELLED);
        assertThat(stopped.leftBehind()).isTrue();
        assertThat(stopped.getMessage()).contains("was kept", state.toString(), "upload abort");
        assertThat(finishedParts(state)).containsExactly(1, 2, 3);
        release.countDown();
        stack.reset();

        UploadResult resumed = uploader().upload(file, UploadOptions.builder().stateFile(state).build());

        Set<Integer> sentAgain = new TreeSet<>();
        stack.proxy().seen().stream().filter(FaultProxy.Seen::isPartPut).forEach(seen -> sentAgain.add(seen.partNumber()));
        assertThat(sentAgain).containsExactly(4, 5, 6);
        assertThat(stack.proxy().count(FaultProxy.Seen::isPartPut)).isEqualTo(3);
        assertThat(resumed.partsSent()).isEqualTo(3);
        assertThat(resumed.parts()).isEqualTo(6);
        assertThat(resumed.uploadId()).isEqualTo(stopped.uploadId().orElseThrow());
        assertThat(TestFiles.sha256(stack.objectBytes(resumed.key()))).isEqualTo(TestFiles.sha256(bytes));
        assertThat(state).doesNotExist();
    }

    @Test
    void upload_cancelledWhileItsCompleteRan_resumeReportsTheFinishedObject() throws Exception {
        byte[] bytes = TestFiles.randomBytes(2 * PART + 100, 9);
        Path file = TestFiles.write(dir, "completed.bin", bytes);
        Path state = dir.resolve("completed.state");
        CountDownLatch completing = new CountDownLatch(1);
        stack.api().rules(call -> {
            if (call.path().endsWith("/complete")) {
                completing.countDown();
                sleep(500); // the client is interrupted meanwhile; the API completes all the same, as a Lambda would
            }
            return FaultProxy.FORWARD;
        });
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread upload = new Thread(() -> {
            try {
                uploader().upload(file, UploadOptions.builder().stateFile(state).build());
            } catch (Throwable t) { // the test inspects whatever ended it
                outcome.set(t);
            }
        });
        upload.start();
        assertThat(completing.await(30, TimeUnit.SECONDS)).as("complete called").isTrue();
        upload.interrupt();
        upload.join(30_000);
        assertThat(outcome.get()).isInstanceOf(TransferException.class);
        TransferException stopped = (TransferException) outcome.get();
        assertThat(stopped.kind()).isEqualTo(TransferException.Kind.CANCELLED);
        String key = stopped.key().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stack.objectExists(key)) {
            assertThat(System.nanoTime()).as("the object completed").isLessThan(deadline);
            Thread.sleep(50);
        }
        stack.reset();

        UploadResult resumed = uploader().upload(file, UploadOptions.builder().stateFile(state).build());

        assertThat(resumed.key()).isEqualTo(key);
        assertThat(resumed.uploadId()).isEqualTo(stopped.uploadId().orElseThrow());
        assertThat(resumed.partsSent()).isZero();
        assertThat(resumed.parts()).isEqualTo(3);
        assertThat(resumed.size()).isEqualTo(bytes.length);
        assertThat(resumed.checksum()).isEqualTo(new ObjectChecksum("CRC32C", "FULL_OBJECT", Checksums.crc32c(bytes)));
        assertThat(stack.proxy().count(FaultProxy.Seen::isPartPut)).isZero();
        assertThat(TestFiles.sha256(stack.objectBytes(key))).isEqualTo(TestFiles.sha256(bytes));
        assertThat(state).doesNotExist();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void upload_fileChangedBeforeResume_refusesAndKeepsTheState() throws Exception {
        byte[] bytes = TestFiles.randomBytes(2 * PART + 100, 8);
        Path file = TestFiles.write(dir, "changing.bin", bytes);
        Path state = dir.resolve("changing.state");
        stack.proxy().rules(new FaultScript().on(seen -> seen.isPartPut() && seen.partNumber() >= 2, -1, new FaultProxy.Hold(release)));
        TransferException stopped = stopWhenPartsFinished(file, state, 1);
        release.countDown();
        bytes[10] ^= 1;
        Files.write(file, bytes);

        TransferException refused = catchThrowableOfType(TransferException.class,
                () -> uploader().upload(file, UploadOptions.builder().stateFile(state).build()));

        assertThat(refused.kind()).isEqualTo(TransferException.Kind.LOCAL);
        assertThat(refused.getMessage()).contains("changed since the upload", "upload abort " + stopped.key().orElseThrow());
        assertThat(state).exists();
        uploader().abort(stopped.key().orElseThrow(), stopped.uploadId().orElseThrow());
        assertThat(stack.uploadExists(stopped.key().orElseThrow(), stopped.uploadId().orElseThrow())).isFalse();
    }

    private static Uploader uploader() {
        return Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(2)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build())
                .build();
    }

    /** Starts the upload on its own thread and interrupts it once the state file lists {@code parts} parts. */
    private static TransferException stopWhenPartsFinished(Path file, Path state, int parts) throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread upload = new Thread(() -> {
            try {
                uploader().upload(file, UploadOptions.builder().stateFile(state).build());
            } catch (Throwable t) { // the test inspects whatever ended it
                outcome.set(t);
            }
        });
        upload.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (finishedParts(state).size() < parts) {
            assertThat(System.nanoTime()).as("parts finished in time").isLessThan(deadline);
            assertThat(upload.isAlive()).as("upload still running: %s", outcome.get()).isTrue();
            Thread.sleep(20);
        }
        upload.interrupt();
        upload.join(30_000);
        assertThat(outcome.get()).isInstanceOf(TransferException.class);
        return (TransferException) outcome.get();
    }

    private static Set<Integer> finishedParts(Path state) throws Exception {
        Set<Integer> parts = new TreeSet<>();
        if (Files.exists(state)) {
            JsonNode json = Json.MAPPER.readTree(state.toFile());
            json.path("parts").fieldNames().forEachRemaining(name -> parts.add(Integer.valueOf(name)));
        }
        return parts;
    }
}
