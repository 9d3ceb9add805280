package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/local.jar invoke FUNCTION --event FILE --env-vars FILE}, as the README
 * shows it: the response JSON alone on stdout, the function's logs on stderr, exit code 0.
 */
class InvokeJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void invoke_eventFileWithEnvVars_printsTheResponseOnStdoutAndLogsOnStderr() throws Exception {
        Path envVars = Files.writeString(temp.resolve("env.json"),
                "{\"Parameters\": {\"KEY_PREFIX\": \"from-env-vars/\", \"NOT_DECLARED\": \"ignored\"}}");
        Path stdout = temp.resolve("stdout.txt");
        Path stderr = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "local.jar").toAbsolutePath().toString(),
                "invoke", "CreateMultipartFunction", "--event", Path.of("..", "events", "create-multipart.json").toAbsolutePath().toString(),
                "--env-vars", envVars.toString(), "--data", temp.resolve("s3").toString())
                .directory(Path.of("..").toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        JsonNode response = JSON.readTree(Files.readString(stdout));
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(response.get("body").asText()).get("key").asText()).startsWith("from-env-vars/public/");
        assertThat(Files.readString(stderr)).contains("\"operation\\\":\\\"CreateMultipart\\\"");
    }
}
