package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The same contract with moto_server as the S3 server (local mode's --s3-endpoint), so nothing we
 * do leans on S3Proxy. moto checks no signatures but behaves like S3 where S3Proxy does not: an
 * aborted upload is gone (404 NoSuchUpload) without any help from the functions.
 */
class MotoCrossCheckIT extends UploadContractTests {
    private Process moto;
    private Path motoLog;
    private LocalMode local;

    @Override
    String startLocalMode() throws Exception {
        int port = freePort();
        motoLog = Files.createTempFile("moto", ".log");
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(motoLog.toFile()).start();
        awaitPort(port, Duration.ofSeconds(30));
        List<String> args = new ArrayList<>(List.of("--port", "0", "--s3-endpoint", "http://127.0.0.1:" + port,
                "--s3-access-key", "moto-key", "--s3-secret-key", "moto-secret"));
        PARAMETERS.forEach((name, value) -> args.addAll(List.of("--parameter", name + "=" + value)));
        local = LocalMode.start(LocalOptions.parse(args), Path.of(".."));
        return "http://127.0.0.1:" + local.port();
    }

    @Override
    void stopLocalMode() throws Exception {
        try {
            if (local != null) {
                local.close();
            }
        } finally {
            moto.destroy();
            moto.waitFor();
            Files.deleteIfExists(motoLog);
        }
    }


    private void awaitPort(int port, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(moto.isAlive()).as("moto_server exited: %s", Files.readString(motoLog)).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("moto_server did not listen on " + port + " within " + timeout + ": " + Files.readString(motoLog));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
