package dev.uploadgate.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code moto_server} (preinstalled) on a free loopback port. Unlike S3Proxy it implements every
 * bucket configuration call (CORS, lifecycle, public access block, ownership, encryption, policy);
 * it checks no signatures, so any credentials do.
 */
public final class MotoServer implements AutoCloseable {
    public static final String ACCESS_KEY = "moto-key";
    public static final String SECRET_KEY = "moto-secret";

    private final Process process;
    private final Path log;
    private final URI endpoint;
    private final S3Client admin;

    private MotoServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.admin = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static MotoServer start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer moto = new MotoServer(process, log, port);
        moto.awaitPort(port, Duration.ofSeconds(30));
        return moto;
    }

    private void awaitPort(int port, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("moto_server exited: %s", Files.readString(log)).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("moto_server did not listen on " + port + " within " + timeout + ": " + Files.readString(log));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for setting buckets up and reading them back, outside the code under test. */
    public S3Client admin() {
        return admin;
    }

    @Override
    public void close() throws IOException {
        admin.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
