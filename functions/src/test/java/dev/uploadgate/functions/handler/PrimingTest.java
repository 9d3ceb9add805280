package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming runs each handler's real request path before the snapshot, and must never
 * reach the network: the S3 endpoint here is a socket that counts every connection made to it.
 */
class PrimingTest {
    private ServerSocket s3;
    private final AtomicInteger connections = new AtomicInteger();
    private Map<String, String> environment;

    @BeforeEach
    void startCountingEndpoint() throws IOException {
        s3 = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!s3.isClosed()) {
                try {
                    Socket connection = s3.accept();
                    connections.incrementAndGet();
                    connection.close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "counting-s3");
        acceptor.setDaemon(true);
        acceptor.start();
        environment = Map.of(
                "BUCKET_NAME", "priming-bucket",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "priming-access-key",
                "AWS_SECRET_ACCESS_KEY", "priming-secret-key",
                "S3_ENDPOINT_URL", "http://127.0.0.1:" + s3.getLocalPort());
    }

    @AfterEach
    void stopEndpoint() throws IOException {
        s3.close();
    }

    @Test
    void prime_presignHandlers_signForRealAndAnswer200() {
        assertThat(new PresignPartHandler(environment).prime()).containsExactly(200, 200);
        assertThat(new PresignObjectHandler(environment).prime()).startsWith(200);

        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_s3Handlers_stopAtAValidationFailureBeforeAnyS3Call() {
        List<HttpApiHandler> handlers = List.of(new CreateMultipartHandler(environment), new CompleteMultipartHandler(environment),
                new ListPartsHandler(environment), new AbortMultipartHandler(environment));

        for (HttpApiHandler handler : handlers) {
            assertThat(handler.prime()).as(handler.operation()).isNotEmpty().allSatisfy(status ->
                    assertThat(status).isBetween(400, 499));
        }
        assertThat(connections).hasValue(0);
    }

    @Test
    void beforeCheckpoint_everyHandler_completesQuicklyWithoutNetwork() throws Exception {
        List<HttpApiHandler> handlers = List.of(new PresignPartHandler(environment), new PresignObjectHandler(environment),
                new CreateMultipartHandler(environment), new CompleteMultipartHandler(environment),
                new ListPartsHandler(environment), new AbortMultipartHandler(environment));
        long started = System.nanoTime();

        for (HttpApiHandler handler : handlers) {
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
        }

        // Generous for a loaded 2-core machine; a network attempt would show in the count below.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_presignObject_rejectsTheUploadsBeforeDrawingAKey() {
        List<Integer> statuses = new PresignObjectHandler(environment).prime();

        assertThat(statuses).hasSize(3);
        assertThat(statuses.subList(1, 3)).allSatisfy(status -> assertThat(status).isBetween(400, 499));
    }
}
