package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.service.CreateUpload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * SnapStart priming runs each handler's requests (the files under priming/) through its real
 * path before the snapshot, and must never reach the network: the S3 endpoint here is a socket
 * that counts every connection made to it.
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
    void prime_everyHandler_answersItsRequestsAsExpectedWithoutNetwork() {
        Map<HttpApiHandler<?>, List<Integer>> expected = new LinkedHashMap<>();
        expected.put(HttpApiHandler.inEnvironment(environment, PresignPartHandler::new), List.of(200, 200));
        expected.put(HttpApiHandler.inEnvironment(environment, PresignObjectHandler::new), List.of(200, 200, 413, 413, 200));
        expected.put(HttpApiHandler.inEnvironment(environment, CreateMultipartHandler::new), List.of(413, 200));
        expected.put(HttpApiHandler.inEnvironment(environment, CompleteMultipartHandler::new), List.of(400, 200));
        expected.put(HttpApiHandler.inEnvironment(environment, ListPartsHandler::new), List.of(400, 200, 200));
        expected.put(HttpApiHandler.inEnvironment(environment, AbortMultipartHandler::new), List.of(400, 200));

        expected.forEach((handler, statuses) -> assertThat(handler.prime()).as(handler.operation()).isEqualTo(statuses));
        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_anotherKeyPrefix_isPutIntoEveryKey() {
        Map<String, String> prefixed = new HashMap<>(environment);
        prefixed.put("KEY_PREFIX", "in box/2026/");

        assertThat(HttpApiHandler.inEnvironment(prefixed, PresignPartHandler::new).prime()).containsExactly(200, 200);
        assertThat(HttpApiHandler.inEnvironment(prefixed, CompleteMultipartHandler::new).prime()).containsExactly(400, 200);
    }

    @Test
    void run_s3Handlers_makeEachS3CallThroughTheSdkAgainstTheCannedS3() {
        Wiring wiring = Wiring.of(environment);
        Map<String, List<String>> calls = new LinkedHashMap<>();

        calls.put("CreateMultipart", cannedCalls(wiring, new CreateMultipartHandler(wiring.createUpload()), Wiring::createUpload));
        calls.put("CompleteMultipart", cannedCalls(wiring, new CompleteMultipartHandler(wiring.completeUpload()), Wiring::completeUpload));
        calls.put("ListParts", cannedCalls(wiring, new ListPartsHandler(wiring.listUploadParts()), Wiring::listUploadParts));
        calls.put("AbortMultipart", cannedCalls(wiring, new AbortMultipartHandler(wiring.abortUpload()), Wiring::abortUpload));
        calls.put("PresignObject", cannedCalls(wiring, new PresignObjectHandler(wiring.presignObject()), Wiring::presignObject));
        calls.put("PresignPart", cannedCalls(wiring, new PresignPartHandler(wiring.presignParts()), Wiring::presignParts));

        assertThat(calls.get("CreateMultipart")).containsExactly("ListMultipartUploads", "CreateMultipartUpload");
        assertThat(calls.get("CompleteMultipart")).containsExactly("ListParts", "CompleteMultipartUpload", "HeadObject");
        assertThat(calls.get("ListParts")).containsExactly("ListParts", "ListParts", "ListMultipartUploads");
        assertThat(calls.get("AbortMultipart")).containsExactly("AbortMultipartUpload");
        assertThat(calls.get("PresignObject")).containsExactly("HeadObject");
        assertThat(calls.get("PresignPart")).as("a sized upload's part URLs need no S3").isEmpty();
        assertThat(connections).hasValue(0);
    }

    @Test
    void run_createTwice_answersTheSameBytesFromFixedValues() {
        Wiring wiring = Wiring.of(environment);
        CreateMultipartHandler handler = new CreateMultipartHandler(wiring.createUpload());
        Priming<CreateUpload> priming = new Priming<>(wiring, "CreateMultipart", Wiring::createUpload);
        List<String> answers = new ArrayList<>();

        for (int run = 0; run < 2; run++) {
            answers.add(priming.withTwin(twin -> new String(handler.respond(priming.requests().get(1), Priming.SILENT, twin), StandardCharsets.UTF_8)));
        }

        assertThat(answers).hasSize(2).allSatisfy(answer -> assertThat(answer)
                .contains("00000000-0000-4000-8000-000000000000.s5242957-p5242880.crc32c-full/priming.bin")
                .contains(CannedS3.UPLOAD_ID));
        assertThat(answers.get(0)).isEqualTo(answers.get(1));
    }

    @Test
    void prime_s3HandlersWithAClosedS3Endpoint_stillAnswer200() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Map<String, String> closed = new HashMap<>(environment);
        closed.put("S3_ENDPOINT_URL", "http://127.0.0.1:" + closedPort);

        assertThat(HttpApiHandler.inEnvironment(closed, CompleteMultipartHandler::new).prime()).containsExactly(400, 200);
    }

    @Test
    void beforeCheckpoint_everyHandler_completesQuicklyWithoutNetwork() throws Exception {
        List<HttpApiHandler<?>> handlers = List.of(HttpApiHandler.inEnvironment(environment, PresignPartHandler::new),
                HttpApiHandler.inEnvironment(environment, PresignObjectHandler::new),
                HttpApiHandler.inEnvironment(environment, CreateMultipartHandler::new),
                HttpApiHandler.inEnvironment(environment, CompleteMultipartHandler::new),
                HttpApiHandler.inEnvironment(environment, ListPartsHandler::new),
                HttpApiHandler.inEnvironment(environment, AbortMultipartHandler::new));
        long started = System.nanoTime();

        for (HttpApiHandler<?> handler : handlers) {
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
        }

        // Generous for a loaded 2-core machine; a network attempt would show in the count below.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(connections).hasValue(0);
    }

    @Test
    void run_presignHandlers_neverResolveTheFunctionsOwnCredentials() {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider unavailable = () -> {
            resolved.incrementAndGet();
            throw SdkClientException.create("the credentials endpoint is not reachable while priming");
        };
        Wiring wiring = Wiring.of(environment, unavailable);

        List<Integer> part = primed(wiring, new PresignPartHandler(wiring.presignParts()), Wiring::presignParts);
        List<Integer> object = primed(wiring, new PresignObjectHandler(wiring.presignObject()), Wiring::presignObject);

        assertThat(part).containsExactly(200, 200);
        assertThat(object).containsExactly(200, 200, 413, 413, 200);
        assertThat(resolved).hasValue(0);
    }

    @Test
    void handleRequest_presignHandlerAfterPriming_signsWithTheFunctionsOwnCredentials() throws IOException {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider own = () -> {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create("OWN-ACCESS-KEY", "own-secret");
        };
        Wiring wiring = Wiring.of(environment, own);
        PresignPartHandler handler = new PresignPartHandler(wiring.presignParts());
        primed(wiring, handler, Wiring::presignParts);
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(new Priming<>(wiring, "PresignPart", Wiring::presignParts).requests().get(0)), response,
                new FixedContext("test", "after-priming", Priming.SILENT));

        assertThat(response.toString(StandardCharsets.UTF_8)).contains("OWN-ACCESS-KEY").doesNotContain("PRIMING-FAKE-ACCESS-KEY");
        assertThat(resolved).hasValue(1);
    }

    /** Runs the handler's priming requests on a twin of its service, as {@link HttpApiHandler#prime} does. */
    private static <S> List<Integer> primed(Wiring wiring, HttpApiHandler<S> handler, Function<Wiring, S> serviceOf) {
        return primed(new Priming<>(wiring, handler.operation(), serviceOf), handler);
    }

    private static <S> List<Integer> primed(Priming<S> priming, HttpApiHandler<S> handler) {
        return priming.withTwin(twin -> priming.requests().stream()
                .map(event -> statusOf(handler.respond(event, Priming.SILENT, twin))).toList());
    }

    private static int statusOf(byte[] response) {
        try {
            return Json.read(response).get("statusCode").intValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The S3 operations a handler's priming makes through the SDK against the in-memory S3. */
    private static <S> List<String> cannedCalls(Wiring wiring, HttpApiHandler<S> handler, Function<Wiring, S> serviceOf) {
        CannedS3 canned = new CannedS3();
        primed(new Priming<>(wiring, handler.operation(), serviceOf, () -> canned), handler);
        return canned.operations();
    }
}
