package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/local.jar} when it cannot start: one line on stderr that says what and
 * which flag changes it, no stack trace, a non-zero exit within seconds.
 */
class StartupErrorsIT {
    private static final long EXIT_WITHIN_SECONDS = 20;

    @TempDir
    Path temp;

    record Outcome(int exitCode, List<String> stderrLines, String stdout) {
    }

    @Test
    void start_apiPortInUse_oneLineNamingPortAndFlag() throws Exception {
        try (ServerSocket taken = takenPort()) {
            Outcome outcome = run("--port", String.valueOf(taken.getLocalPort()), "--s3-port", "0");

            assertOneLineFailure(outcome, "API port " + taken.getLocalPort(), "--port");
        }
    }

    @Test
    void start_s3PortInUse_oneLineNamingPortAndFlag() throws Exception {
        try (ServerSocket taken = takenPort()) {
            Outcome outcome = run("--port", "0", "--s3-port", String.valueOf(taken.getLocalPort()));

            assertOneLineFailure(outcome, "S3 port " + taken.getLocalPort(), "--s3-port");
        }
    }

    @Test
    void start_missingTemplate_oneLineNamingTheFile() throws Exception {
        Outcome outcome = run("--port", "0", "--template", temp.resolve("nope.yaml").toString());

        assertOneLineFailure(outcome, "nope.yaml", "cannot read the template");
    }

    @Test
    void start_templateThatIsNotYaml_oneLineNamingTheFile() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.yaml"), "Resources: [unclosed\n  - : :\n");

        Outcome outcome = run("--port", "0", "--template", broken.toString());

        assertOneLineFailure(outcome, "broken.yaml", "local mode cannot start");
    }

    private static ServerSocket takenPort() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private static void assertOneLineFailure(Outcome outcome, String... mentions) {
        assertThat(outcome.exitCode()).as("%s", outcome.stderrLines()).isNotZero();
        assertThat(outcome.stdout()).as("no ready line").isEmpty();
        assertThat(outcome.stderrLines()).as("one line, no stack trace").hasSize(1);
        assertThat(outcome.stderrLines().get(0)).startsWith("local mode cannot start: ").contains(mentions);
    }

    private Outcome run(String... args) throws Exception {
        Path jar = Path.of("target", "local.jar").toAbsolutePath();
        Path work = Files.createTempDirectory(temp, "work");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--data", work.resolve("s3").toString()));
        command.addAll(List.of(args));
        Path stderr = work.resolve("stderr.txt");
        Path stdout = work.resolve("stdout.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(stderr.toFile()).redirectOutput(stdout.toFile()).start();
        if (!process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("still running after " + EXIT_WITHIN_SECONDS + " s: " + Files.readString(stderr));
        }
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        return new Outcome(process.exitValue(), lines, Files.readString(stdout));
    }
}
