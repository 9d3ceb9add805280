package dev.uploadgate.client.cli;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.client.testing.ProcessOutput;
import dev.uploadgate.client.testing.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against local mode ({@code local/target/local.jar}, skipped when it is not built) with
 * SigV4 required on every route, as AWS_IAM requires it deployed: {@code --sign} with credentials
 * from the standard environment variables gets through, an unsigned call is refused.
 */
class LocalModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_KEY = "AKIDLOCALMODEIT";
    private static final String SECRET_KEY = "local-mode-it-secret";
    private static final String OTHER_ACCESS_KEY = "AKIDOTHERUSER";
    private static final String OTHER_SECRET_KEY = "other-user-secret";
    private static Process localMode;
    private static String api;

    @TempDir
    Path dir;

    private record Run(int exit, byte[] out, String err) {
    }

    @BeforeAll
    static void startLocalMode(@TempDir Path data) throws Exception {
        Path jar = Path.of(System.getProperty("local.jar", "../local/target/local.jar"));
        Assumptions.assumeTrue(Files.exists(jar), "local mode is not built: " + jar);
        localMode = new ProcessBuilder(java(), "-jar", jar.toString(), "--port", "0", "--data", data.toString(),
                "--auth", "iam", "--iam-user", ACCESS_KEY + ":" + SECRET_KEY, "--iam-user", OTHER_ACCESS_KEY + ":" + OTHER_SECRET_KEY)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(localMode.getInputStream(), StandardCharsets.UTF_8));
        for (String line; api == null && (line = lines.readLine()) != null; ) {
            if (line.startsWith("API ")) {
                api = line.substring(4).strip();
            }
        }
        assertThat(api).as("local mode printed its API line").isNotNull();
        CompletableFuture.runAsync(() -> {
            try {
                lines.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // local mode stopped
            }
        });
    }

    @AfterAll
    static void stopLocalMode() throws InterruptedException {
        if (localMode != null) {
            localMode.destroy();
            localMode.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void uploadAndDownload_signed_roundTripTheBytes() throws Exception {
        byte[] bytes = TestFiles.randomBytes(10 * MIB + 1, 5);
        Path file = TestFiles.write(dir, "signed.bin", bytes);

        Run upload = cli(true, "upload", file.toString(), "--part-size", "5MiB", "--sign", "--json");

        assertThat(upload.exit()).as(upload.err()).isZero();
        JsonNode answer = JSON.readTree(upload.out());
        assertThat(answer.get("size").asLong()).isEqualTo(bytes.length);
        Run download = cli(true, "download", answer.get("key").asText(), "--sign", "-o", "-");
        assertThat(download.exit()).as(download.err()).isZero();
        assertThat(TestFiles.sha256(download.out())).isEqualTo(TestFiles.sha256(bytes));
    }

    @Test
    void upload_unsigned_isRefusedWithExitCode3AndAHint() throws Exception {
        Path file = TestFiles.write(dir, "unsigned.bin", new byte[] {1, 2, 3});

        Run upload = cli(false, "upload", file.toString());

        assertThat(upload.exit()).as(upload.err()).isEqualTo(3);
        assertThat(upload.err()).containsAnyOf("--sign", "credentials");
    }

    @Test
    void downloadAndAbort_anotherUsersUpload_areRefusedWithExitCode3() throws Exception {
        Path file = TestFiles.write(dir, "mine.bin", TestFiles.randomBytes(1000, 6));
        Run upload = cli(true, "upload", file.toString(), "--sign", "--json");
        assertThat(upload.exit()).as(upload.err()).isZero();
        String key = JSON.readTree(upload.out()).get("key").asText();
        assertThat(key).contains("/iam-" + ACCESS_KEY + "/");

        Run download = cli(OTHER_ACCESS_KEY, OTHER_SECRET_KEY, "download", key, "--sign", "-o", "-");
        Run abort = cli(OTHER_ACCESS_KEY, OTHER_SECRET_KEY, "abort", key, "c29tZS11cGxvYWQ", "--sign");

        assertThat(download.exit()).as(download.err()).isEqualTo(3);
        assertThat(download.out()).isEmpty();
        assertThat(download.err()).contains("AccessDenied");
        assertThat(abort.exit()).as(abort.err()).isEqualTo(3);
        assertThat(cli(true, "download", key, "--sign", "-o", "-").exit()).as("the owner still can").isZero();
    }

    private Run cli(boolean credentials, String... args) throws Exception {
        return credentials ? cli(ACCESS_KEY, SECRET_KEY, args) : cli(null, null, args);
    }

    private Run cli(String accessKey, String secretKey, String... args) throws Exception {
        // Absolute: the CLI runs in a temporary folder, and surefire (unlike failsafe) does not set upload.jar.
        Path jar = Path.of(System.getProperty("upload.jar", "target/upload.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--api", api));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_REGION", "us-east-1");
        if (accessKey != null) {
            env.put("AWS_ACCESS_KEY_ID", accessKey);
            env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = ProcessOutput.drain(process.getInputStream());
        CompletableFuture<byte[]> err = ProcessOutput.drain(process.getErrorStream());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        return new Run(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
