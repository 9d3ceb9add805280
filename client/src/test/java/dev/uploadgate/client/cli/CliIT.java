package dev.uploadgate.client.cli;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.client.testing.Checksums;
import dev.uploadgate.client.testing.FaultProxy;
import dev.uploadgate.client.testing.FaultScript;
import dev.uploadgate.client.testing.ProcessOutput;
import dev.uploadgate.client.testing.TestFiles;
import dev.uploadgate.client.testing.TestStack;
import dev.uploadgate.client.testing.TestStackExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar target/upload.jar} as a script runs it: exit codes, --json, stdin and stdout, a kill and a resume. */
@ExtendWith(TestStackExtension.class)
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;

    @TempDir
    Path dir;
    private final CountDownLatch release = new CountDownLatch(1);

    private record Run(int exit, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void connect(TestStack testStack) {
        stack = testStack;
    }

    @AfterEach
    void releaseHeldRequests() {
        release.countDown();
    }

    @Test
    void upload_fileWithJson_printsOneObjectAndDownloadBringsTheBytesBack() throws Exception {
        byte[] bytes = TestFiles.randomBytes(11 * MIB + 3, 1);
        Path file = TestFiles.write(dir, "report 2024.pdf", bytes);

        Run upload = cli(null, "upload", file.toString(), "--part-size", "5MiB", "--json");

        assertThat(upload.exit()).as(upload.err()).isZero();
        JsonNode answer = JSON.readTree(upload.out());
        assertThat(answer.properties()).extracting(e -> e.getKey())
                .containsExactly("key", "location", "etag", "size", "checksum", "seconds");
        assertThat(answer.get("key").asText()).endsWith("/report 2024.pdf");
        assertThat(answer.get("etag").asText()).matches("\"[0-9a-f]{32}-3\"");
        assertThat(answer.get("checksum").properties()).extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactly("algorithm=CRC32C", "type=FULL_OBJECT", "value=" + Checksums.crc32c(bytes));
        assertThat(answer.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(upload.outText().strip().lines()).hasSize(1);

        Path target = dir.resolve("copy.pdf");
        Run download = cli(null, "download", answer.get("key").asText(), "-o", target.toString(), "--range-size", "4MiB", "--json");
        assertThat(download.exit()).as(download.err()).isZero();
        JsonNode downloaded = JSON.readTree(download.out());
        assertThat(downloaded.get("checksum")).isEqualTo(answer.get("checksum"));
        assertThat(downloaded.get("verified").asBoolean()).isTrue();
        assertThat(downloaded.get("verification").asText()).isEqualTo("full-object CRC32C");
        assertThat(TestFiles.sha256(Files.readAllBytes(target))).isEqualTo(TestFiles.sha256(bytes));

        Run toStdout = cli(null, "download", answer.get("key").asText(), "-o", "-");
        assertThat(toStdout.exit()).as(toStdout.err()).isZero();
        assertThat(TestFiles.sha256(toStdout.out())).isEqualTo(TestFiles.sha256(bytes));
    }

    @Test
    void upload_checksumSha256AndMd5_reportTheirChecksumOrNone() throws Exception {
        byte[] bytes = TestFiles.randomBytes(6 * MIB, 4);
        Path file = TestFiles.write(dir, "sums.bin", bytes);

        Run sha = cli(null, "upload", file.toString(), "--part-size", "5MiB", "--checksum", "SHA256", "--json");
        Run md5 = cli(null, "upload", file.toString(), "--part-size", "5MiB", "--checksum", "md5", "--json");
        Run quiet = cli(null, "download", JSON.readTree(sha.out()).get("key").asText(), "-o", dir.resolve("sha.bin").toString());

        assertThat(sha.exit()).as(sha.err()).isZero();
        JsonNode shaChecksum = JSON.readTree(sha.out()).get("checksum");
        assertThat(shaChecksum.get("algorithm").asText()).isEqualTo("SHA256");
        assertThat(shaChecksum.get("type").asText()).isEqualTo("COMPOSITE");
        assertThat(shaChecksum.get("value").asText()).endsWith("-2");
        assertThat(md5.exit()).as(md5.err()).isZero();
        assertThat(JSON.readTree(md5.out()).get("checksum").isNull()).isTrue();
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.outText()).contains("not verified", "COMPOSITE SHA256");
        assertThat(TestFiles.sha256(Files.readAllBytes(dir.resolve("sha.bin")))).isEqualTo(TestFiles.sha256(bytes));
    }

    @Test
    void upload_killedWhileItsCompleteRan_runAgainReportsTheFinishedObjectWithExitCode0() throws Exception {
        byte[] bytes = TestFiles.randomBytes(2 * 5 * MIB + 3, 8);
        Path file = TestFiles.write(dir, "done.bin", bytes);
        Path state = dir.resolve("done.state");
        CountDownLatch completing = new CountDownLatch(1);
        stack.api().rules(call -> {
            if (call.path().endsWith("/complete")) {
                completing.countDown();
                try {
                    Thread.sleep(1000); // the CLI is killed meanwhile; the API completes all the same
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FaultProxy.FORWARD;
        });

        Process first = start(null, "upload", file.toString(), "--part-size", "5MiB", "--state", state.toString(), "--json");
        CompletableFuture<byte[]> firstErr = ProcessOutput.drain(first.getErrorStream());
        ProcessOutput.drain(first.getInputStream());
        assertThat(completing.await(60, TimeUnit.SECONDS)).as("complete called").isTrue();
        first.toHandle().destroy(); // SIGTERM: the shutdown hook interrupts the upload during its complete
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(firstErr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).contains("cancelled", "was kept");
        Thread.sleep(1500); // let the held complete finish on the server
        stack.reset();

        Run second = cli(null, "upload", file.toString(), "--part-size", "5MiB", "--state", state.toString(), "--json");

        assertThat(second.exit()).as(second.err()).isZero();
        JsonNode answer = JSON.readTree(second.out());
        assertThat(answer.properties()).extracting(e -> e.getKey())
                .containsExactly("key", "location", "etag", "size", "checksum", "seconds");
        assertThat(answer.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(answer.get("checksum").get("value").asText()).isEqualTo(Checksums.crc32c(bytes));
        assertThat(stack.proxy().count(FaultProxy.Seen::isPartPut)).isZero();
        assertThat(TestFiles.sha256(stack.objectBytes(answer.get("key").asText()))).isEqualTo(TestFiles.sha256(bytes));
        assertThat(state).doesNotExist();
    }

    @Test
    void upload_stdin_readsTheWholeStream() throws Exception {
        byte[] bytes = TestFiles.randomBytes(6 * MIB + 5, 2);

        Run upload = cli(bytes, "upload", "-", "--name", "piped.log", "--part-size", "5MiB", "--json");

        assertThat(upload.exit()).as(upload.err()).isZero();
        JsonNode answer = JSON.readTree(upload.out());
        assertThat(answer.get("key").asText()).endsWith("/piped.log");
        assertThat(TestFiles.sha256(stack.objectBytes(answer.get("key").asText()))).isEqualTo(TestFiles.sha256(bytes));
    }

    @Test
    void abort_unknownUpload_isRefusedWithExitCode3() throws Exception {
        Run abort = cli(null, "abort", "uploads/someone-else/x/y.bin", "no-such-upload");

        assertThat(abort.exit()).isEqualTo(3);
        assertThat(abort.err()).contains("HTTP 403", "AccessDenied");
        assertThat(abort.out()).isEmpty();
    }

    @Test
    void download_noSuchKey_isRefusedWithExitCode3() throws Exception {
        Run upload = cli(new byte[] {1}, "upload", "-", "--name", "one.bin", "--json");
        String key = JSON.readTree(upload.out()).get("key").asText();
        String missing = key.substring(0, key.lastIndexOf('/') + 1) + "never-uploaded.bin";

        Run download = cli(null, "download", missing, "-o", dir.resolve("x").toString());

        assertThat(download.exit()).as(download.err()).isEqualTo(3);
        assertThat(download.err()).contains("404", "NotFound", "never-uploaded.bin");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("x.download")).doesNotExist();
    }

    @Test
    void upload_processKilledThenRunAgain_resumesWithoutResendingFinishedParts() throws Exception {
        byte[] bytes = TestFiles.randomBytes(4 * 5 * MIB + 9, 3);
        Path file = TestFiles.write(dir, "big.bin", bytes);
        Path state = dir.resolve("big.state");
        stack.proxy().rules(new FaultScript().on(seen -> seen.isPartPut() && seen.partNumber() >= 3, -1, new FaultProxy.Hold(release)));

        Process first = start(null, "upload", file.toString(), "--part-size", "5MiB", "--concurrency", "2", "--state", state.toString());
        CompletableFuture<byte[]> firstErr = ProcessOutput.drain(first.getErrorStream());
        ProcessOutput.drain(first.getInputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finishedParts(state).size() < 2) {
            assertThat(System.nanoTime()).as("two parts finished in time").isLessThan(deadline);
            assertThat(first.isAlive()).as("first run still going").isTrue();
            Thread.sleep(20);
        }
        first.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stderr): the shutdown hook interrupts the upload, which keeps it for --state
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String message = new String(firstErr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(message).contains("was kept", state.toString());
        release.countDown();
        stack.reset();

        Run second = cli(null, "upload", file.toString(), "--part-size", "5MiB", "--state", state.toString(), "--json");

        assertThat(second.exit()).as(second.err()).isZero();
        Set<Integer> sent = new TreeSet<>();
        stack.proxy().seen().stream().filter(FaultProxy.Seen::isPartPut).forEach(s -> sent.add(s.partNumber()));
        assertThat(sent).containsExactly(3, 4, 5);
        JsonNode answer = JSON.readTree(second.out());
        assertThat(TestFiles.sha256(stack.objectBytes(answer.get("key").asText()))).isEqualTo(TestFiles.sha256(bytes));
        assertThat(state).doesNotExist();
    }

    private static Set<Integer> finishedParts(Path state) {
        Set<Integer> parts = new TreeSet<>();
        try {
            if (Files.exists(state)) {
                JSON.readTree(state.toFile()).path("parts").fieldNames().forEachRemaining(n -> parts.add(Integer.valueOf(n)));
            }
        } catch (IOException e) {
            // being replaced right now: read it again next time
        }
        return parts;
    }

    private Run cli(byte[] stdin, String... args) throws Exception {
        Process process = start(stdin, args);
        CompletableFuture<byte[]> out = ProcessOutput.drain(process.getInputStream());
        CompletableFuture<byte[]> err = ProcessOutput.drain(process.getErrorStream());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        return new Run(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private Process start(byte[] stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--api", stack.apiUrl().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("UPLOADGATE_API");
        Process process = builder.start();
        CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the process ended before reading it all; its exit code tells
            }
        });
        return process;
    }

    private static Path jar() {
        // Absolute: the CLI runs in a temporary folder, and surefire (unlike failsafe) does not set upload.jar.
        Path jar = Path.of(System.getProperty("upload.jar", "target/upload.jar")).toAbsolutePath();
        assertThat(jar).as("run mvn package first").exists();
        return jar;
    }
}
