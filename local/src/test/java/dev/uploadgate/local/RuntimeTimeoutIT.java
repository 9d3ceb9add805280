package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that outlives its Timeout is stopped, and the caller gets API Gateway's 503 in the
 * contract's JSON. The project template with a one-second Timeout and, in its JAVA_TOOL_OPTIONS,
 * a debugger agent that suspends the JVM until a debugger attaches (none does): the runtime never
 * asks for work, whatever the machine's speed.
 */
class RuntimeTimeoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUSPENDED = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0";

    @TempDir
    Path temp;

    @Test
    void invoke_functionPastItsTimeout_is503JsonAndTheProcessIsKilled() throws Exception {
        String template = Files.readString(Path.of("..", "template.yaml"))
                .replace("    Timeout: 15\n", "    Timeout: 1\n")
                .replace("JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1", "JAVA_TOOL_OPTIONS: " + SUSPENDED);
        assertThat(template).contains("Timeout: 1\n").contains(SUSPENDED);
        Path file = Files.writeString(temp.resolve("template.yaml"), template);

        try (LocalMode local = LocalMode.start(LocalOptions.parse(List.of("--port", "0", "--data", temp.resolve("s3").toString(),
                "--template", file.toString(), "--max-environments", "1")), temp)) {
            long started = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + local.port() + "/s3/params?filename=a.txt&type=text/plain"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("code").asText()).isEqualTo("ServiceUnavailable");
            assertThat(body.get("message").asText()).contains("timed out after 1 s");
            // One Timeout to initialise at most, then the answer: never the 15 s of the real template.
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().orElse("").contains(RuntimeFiles.RUNTIME_MAIN)))
                    .as("the timed-out runtime process is killed").isEmpty();
        }
    }
}
