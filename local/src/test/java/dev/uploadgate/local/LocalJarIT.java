package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code java -jar target/local.jar} as a user runs it, from a folder without template.yaml or
 * web/, so the bundled copies are used: the two ready lines, the page, the 404 contract, an S3
 * server that checks signatures, and a clean stop on SIGTERM.
 */
class LocalJarIT {
    private static final Pattern API_LINE = Pattern.compile("API (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern S3_LINE = Pattern.compile(
            "S3 (http://127\\.0\\.0\\.1:\\d+) bucket=(\\S+) access-key=(\\S+) secret-key=(\\S+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    private Process process;
    private Path stderr;

    @BeforeEach
    void startJar() throws Exception {
        Path jar = Path.of("target", "local.jar").toAbsolutePath();
        assertThat(jar).as("mvn package builds it before failsafe runs").exists();
        Path workDir = Files.createDirectory(temp.resolve("work"));
        stderr = temp.resolve("stderr.txt");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--data", temp.resolve("s3").toString())
                .directory(workDir.toFile())
                .redirectError(stderr.toFile())
                .start();
    }

    @AfterEach
    void stopJar() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void run_thenSigterm_servesApiAndS3AndStopsCleanly() throws Exception {
        List<String> ready = readyLines();
        Matcher api = API_LINE.matcher(ready.get(0));
        Matcher s3 = S3_LINE.matcher(ready.get(1));
        assertThat(api.matches()).as(ready.get(0)).isTrue();
        assertThat(s3.matches()).as(ready.get(1)).isTrue();
        String apiUrl = api.group(1);
        S3Connection connection = new S3Connection(URI.create(s3.group(1)), s3.group(3), s3.group(4));

        HttpResponse<String> page = get(apiUrl + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        // Run from a folder without web/, the jar serves the copy of the project's page it bundles.
        assertThat(page.body()).isEqualTo(Files.readString(TestTemplates.PROJECT_WEB.resolve("index.html"), StandardCharsets.UTF_8));

        HttpResponse<String> missing = get(apiUrl + "/no/such/route");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(missing.body()).isEqualTo("{\"code\":\"NotFound\",\"message\":\"No route for GET /no/such/route\"}");

        assertThat(get(connection.endpoint() + "/").statusCode()).as("unsigned ListBuckets").isEqualTo(403);
        try (S3Client client = LocalModeIT.adminClient(connection)) {
            assertThat(client.listBuckets().buckets()).extracting(bucket -> bucket.name()).containsExactly(s3.group(2));
        }

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
        // 143 = 128 + SIGTERM: the JVM's normal exit after its shutdown hooks ran.
        assertThat(process.exitValue()).isIn(0, 143);
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(log).contains("local mode stopped").doesNotContain("Exception");
    }

    /** The first two stdout lines, or the failure with whatever the process wrote to stderr. */
    private List<String> readyLines() throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            try {
                return List.of(String.valueOf(out.readLine()), String.valueOf(out.readLine()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return lines.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new AssertionError("local.jar did not print its ready lines; stderr:\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8), e);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
