package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link BlockingHttp} against a socket server whose behaviour each test chooses. */
@Timeout(30)
class BlockingHttpTest {
    /** Larger than loopback's socket buffers, so a server that never reads blocks the writer. */
    private static final int STALLING_BODY = 64 * 1024 * 1024;

    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : accepted) {
            socket.close();
        }
        server.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/bucket/key?partNumber=1&uploadId=u";
    }

    private record Answered(int status, String etag, String text) {
    }

    /** A PUT as the part sender makes it, with the answer copied out. */
    private static Answered put(Duration connectTimeout, Duration timeout, String url, Map<String, String> headers, byte[] body,
                                int length, LongConsumer sent) throws IOException, Retries.Retryable, InterruptedException {
        return new BlockingHttp(connectTimeout).exchange("PUT", URI.create(url), headers, new BlockingHttp.Body(body, length, sent),
                timeout, answer -> new Answered(answer.status(), answer.header("etag"), answer.text(100_000)));
    }

    /** Accepts one connection, hands it to {@code exchange} on another thread. */
    private CompletableFuture<Void> serveOnce(Exchange exchange) {
        return CompletableFuture.runAsync(() -> {
            try {
                Socket socket = server.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
                exchange.run(socket);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @FunctionalInterface
    private interface Exchange {
        void run(Socket socket) throws IOException;
    }

    /** Reads the request head and a body of Content-Length bytes; returns the head's lines. */
    private static List<String> readRequest(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
        List<String> head = new ArrayList<>();
        long length = 0;
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            head.add(line);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        for (long skipped = 0; skipped < length; skipped++) {
            if (reader.read() < 0) {
                break;
            }
        }
        return head;
    }

    @Test
    void put_serverAnswers200_returnsETagAndSendsHeadersAndBody() throws Exception {
        CompletableFuture<List<String>> head = new CompletableFuture<>();
        serveOnce(socket -> {
            head.complete(readRequest(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nETag: \"abc\"\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        AtomicLong progress = new AtomicLong();

        Answered answer = put(Duration.ofSeconds(5), Duration.ofSeconds(10), url(),
                Map.of("Content-MD5", "bWQ1", "Host", "evil.example", "Content-Length", "1"), new byte[100_000], 70_000,
                progress::addAndGet);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.etag()).isEqualTo("\"abc\"");
        assertThat(progress).hasValue(70_000);
        assertThat(head.get(5, TimeUnit.SECONDS)).anyMatch(line -> line.startsWith("PUT /bucket/key?partNumber=1&uploadId=u "))
                .contains("Content-MD5: bWQ1", "Content-Length: 70000")
                .anyMatch(line -> line.equals("Host: 127.0.0.1:" + server.getLocalPort()))
                .noneMatch(line -> line.contains("evil.example"));
    }

    @Test
    void put_serverAnswers503_returnsStatusAndErrorBodyAndTakesBackProgress() throws Exception {
        String xml = "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>";
        serveOnce(socket -> {
            readRequest(socket.getInputStream());
            socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: "
                    + xml.length() + "\r\n\r\n" + xml).getBytes(StandardCharsets.US_ASCII));
        });
        AtomicLong progress = new AtomicLong();

        Answered answer = put(Duration.ofSeconds(5), Duration.ofSeconds(10), url(), Map.of(), new byte[4096], 4096,
                progress::addAndGet);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text()).isEqualTo(xml);
        assertThat(progress).hasValue(0);
    }

    @Test
    void put_streamedBodyAnswered401_returnsTheStatusInsteadOfThrowing() throws Exception {
        serveOnce(socket -> {
            readRequest(socket.getInputStream());
            socket.getOutputStream().write(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        });

        Answered answer = put(Duration.ofSeconds(5), Duration.ofSeconds(10), url(), Map.of(), new byte[1 << 20], 1 << 20, n -> { });

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void exchange_twoInARow_reuseOneConnection() throws Exception {
        CompletableFuture<Integer> served = new CompletableFuture<>();
        serveOnce(socket -> {
            int requests = 0;
            for (; requests < 2; requests++) {
                if (readRequest(socket.getInputStream()).isEmpty()) {
                    break;
                }
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nETag: \"e\"\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
            }
            served.complete(requests);
        });

        Answered first = put(Duration.ofSeconds(5), Duration.ofSeconds(10), url(), Map.of(), new byte[10], 10, n -> { });
        Answered second = new BlockingHttp(Duration.ofSeconds(5)).exchange("GET", URI.create(url()), Map.of(), null,
                Duration.ofSeconds(10), answer -> new Answered(answer.status(), answer.header("etag"), "(left unread)"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(served.get(5, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void put_serverNeverReadsTheBody_failsWithATimeoutNearTheDeadline() {
        serveOnce(socket -> {
            // Accepted and silent: the client's writes fill the socket buffers and block.
        });
        AtomicLong progress = new AtomicLong();
        long started = System.nanoTime();

        assertThatThrownBy(() -> put(Duration.ofSeconds(5), Duration.ofMillis(800), url(), Map.of(), new byte[STALLING_BODY],
                STALLING_BODY, progress::addAndGet))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("no answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(progress).hasValue(0);
    }

    @Test
    void put_threadInterruptedWhileWriting_failsWithInterruptedException() throws Exception {
        serveOnce(socket -> {
            // Never reads: the writer blocks until the interrupt closes its connection.
        });
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                put(Duration.ofSeconds(5), Duration.ofMinutes(5), url(), Map.of(), new byte[STALLING_BODY], STALLING_BODY, n -> { });
                outcome.complete(null);
            } catch (IOException | Retries.Retryable | InterruptedException | RuntimeException e) {
                outcome.complete(e);
            }
        });
        writer.start();
        Thread.sleep(300);

        writer.interrupt();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void put_connectionRefused_throwsIOException() throws IOException {
        String refused = url();
        server.close();

        assertThatThrownBy(() -> put(Duration.ofSeconds(2), Duration.ofSeconds(5), refused, Map.of(), new byte[10], 10, n -> { }))
                .isInstanceOf(IOException.class);
    }

    @Test
    void put_serverClosesMidBody_throwsIOExceptionAndTakesBackProgress() throws ExecutionException, InterruptedException {
        serveOnce(socket -> {
            socket.getInputStream().readNBytes(1024);
            socket.setSoLinger(true, 0); // a reset, as a crashed proxy sends
            socket.close();
        });
        AtomicLong progress = new AtomicLong();

        assertThatThrownBy(() -> put(Duration.ofSeconds(2), Duration.ofSeconds(10), url(), Map.of(), new byte[STALLING_BODY],
                STALLING_BODY, progress::addAndGet))
                .isInstanceOf(IOException.class);
        assertThat(progress).hasValue(0);
    }
}
