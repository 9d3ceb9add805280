package dev.uploadgate.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Child processes as a deployer runs them: {@code java -jar upload.jar ...} and the printed
 * {@code aws ...} commands, with only the given AWS credentials (no profile, no instance metadata).
 */
public final class Commands {
    private Commands() {
    }

    /** What a process printed and how it ended. */
    public record Run(int exit, String out, String err) {
    }

    /** An environment holding these credentials and region and nothing else of AWS's. */
    public static Map<String, String> awsEnvironment(String accessKey, String secretKey) {
        return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_REGION", "us-east-1",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", "/nonexistent/aws-config",
                "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials", "AWS_EC2_METADATA_DISABLED", "true");
    }

    public static Run uploadJar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        return run(env, command);
    }

    /** One line of shell, as a person pastes it. */
    public static Run shell(Map<String, String> env, String line) throws Exception {
        return run(env, List.of("bash", "-c", line));
    }

    private static Run run(Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("UPLOADGATE_API"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = ProcessOutput.drain(process.getInputStream());
        CompletableFuture<byte[]> err = ProcessOutput.drain(process.getErrorStream());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        return new Run(process.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static Path jar() {
        // Absolute: the CLI runs in a temporary folder, and surefire (unlike failsafe) does not set upload.jar.
        Path jar = Path.of(System.getProperty("upload.jar", "target/upload.jar")).toAbsolutePath();
        assertThat(jar).as("run mvn package first").exists();
        return jar;
    }
}
