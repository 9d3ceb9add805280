package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

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
    void prime_s3Handlers_answerTheirValidationFailureThen200sFromTheCannedS3WithoutNetwork() {
        Map<HttpApiHandler, Integer> s3Requests = new LinkedHashMap<>();
        s3Requests.put(new CreateMultipartHandler(environment), 1);
        s3Requests.put(new CompleteMultipartHandler(environment), 1);
        s3Requests.put(new ListPartsHandler(environment), 2);
        s3Requests.put(new AbortMultipartHandler(environment), 1);

        s3Requests.forEach((handler, count) -> {
            List<Integer> statuses = handler.prime();

            assertThat(statuses).as(handler.operation()).hasSize(1 + count);
            assertThat(statuses.get(0)).as(handler.operation()).isBetween(400, 499);
            assertThat(statuses.subList(1, statuses.size())).as(handler.operation()).containsOnly(200);
        });
        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_s3Handlers_runEachS3OperationThroughTheSdkAgainstTheCannedS3() {
        Wiring wiring = Wiring.of(environment);
        Map<String, CannedS3> canned = new LinkedHashMap<>();
        List<HttpApiHandler> handlers = List.of(
                new CreateMultipartHandler(wiring.createUpload(),
                        S3Priming.offline(wiring, twin -> new CreateMultipartHandler(twin.createUpload()), recorder(canned, "create"))),
                new CompleteMultipartHandler(wiring.completeUpload(),
                        S3Priming.offline(wiring, twin -> new CompleteMultipartHandler(twin.completeUpload()), recorder(canned, "complete"))),
                new ListPartsHandler(wiring.listUploadParts(),
                        S3Priming.offline(wiring, twin -> new ListPartsHandler(twin.listUploadParts()), recorder(canned, "list"))),
                new AbortMultipartHandler(wiring.abortUpload(),
                        S3Priming.offline(wiring, twin -> new AbortMultipartHandler(twin.abortUpload()), recorder(canned, "abort"))));

        handlers.forEach(HttpApiHandler::prime);

        assertThat(canned.get("create").operations()).containsExactly("CreateMultipartUpload");
        assertThat(canned.get("complete").operations()).containsExactly("ListParts", "CompleteMultipartUpload", "HeadObject");
        assertThat(canned.get("list").operations()).containsExactly("ListParts", "ListParts", "ListMultipartUploads");
        assertThat(canned.get("abort").operations()).containsExactly("AbortMultipartUpload");
        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_createTwice_answersTheSameBytesFromFixedValues() {
        Wiring wiring = Wiring.of(environment);
        List<byte[]> request = List.of(Priming.request("POST", "/s3/multipart", Map.of(), Map.of(),
                "{\"filename\":\"priming.bin\",\"type\":\"application/octet-stream\",\"size\":" + CannedS3.OBJECT_SIZE + "}"));
        List<String> answers = new ArrayList<>();
        S3Priming priming = S3Priming.offline(wiring, twin -> new RecordingCreate(twin, answers), CannedS3::new);

        priming.prime(request);
        priming.prime(request);

        assertThat(answers).hasSize(2).allSatisfy(answer -> assertThat(answer)
                .contains("00000000-0000-4000-8000-000000000000.s" + CannedS3.OBJECT_SIZE + "-p8388608/priming.bin")
                .contains(Priming.UPLOAD_ID));
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

        List<Integer> statuses = new CompleteMultipartHandler(closed).prime();

        assertThat(statuses).containsExactly(400, 200);
    }

    private static Supplier<CannedS3> recorder(Map<String, CannedS3> canned, String name) {
        return () -> canned.computeIfAbsent(name, n -> new CannedS3());
    }

    /** Create's twin, keeping each response it writes. */
    private static final class RecordingCreate extends HttpApiHandler {
        private final CreateMultipartHandler create;
        private final List<String> answers;

        RecordingCreate(Wiring wiring, List<String> answers) {
            this.create = new CreateMultipartHandler(wiring.createUpload());
            this.answers = answers;
        }

        @Override
        Object handle(ApiRequest request) {
            Object answer = create.handle(request);
            answers.add(Json.write(answer));
            return answer;
        }
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
    void prime_presignObject_signsFormAndPutRejectsOversizedUploadsThenSignsDownload() {
        List<Integer> statuses = new PresignObjectHandler(environment).prime();

        assertThat(statuses).hasSize(5);
        assertThat(statuses.subList(0, 2)).containsOnly(200);
        assertThat(statuses.subList(2, 4)).allSatisfy(status -> assertThat(status).isBetween(400, 499));
        assertThat(statuses.get(4)).as("download, after HeadObject on the in-memory S3").isEqualTo(200);
    }

    @Test
    void prime_presignHandlers_neverResolveTheFunctionsOwnCredentials() {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider unavailable = () -> {
            resolved.incrementAndGet();
            throw SdkClientException.create("the credentials endpoint is not reachable while priming");
        };

        List<Integer> part = new PresignPartHandler(Wiring.of(environment, unavailable)).prime();
        List<Integer> object = new PresignObjectHandler(Wiring.of(environment, unavailable)).prime();

        assertThat(part).containsExactly(200, 200);
        assertThat(object.subList(0, 2)).containsOnly(200);
        assertThat(object.get(4)).isEqualTo(200);
        assertThat(resolved).hasValue(0);
    }

    @Test
    void handleRequest_presignHandlerAfterPriming_signsWithTheFunctionsOwnCredentials() throws IOException {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider own = () -> {
            resolved.incrementAndGet();
            return AwsBasicCredentials.create("OWN-ACCESS-KEY", "own-secret");
        };
        PresignPartHandler handler = new PresignPartHandler(Wiring.of(environment, own));
        handler.prime();
        byte[] request = handler.primingRequests().get(0);
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(request), response, Priming.CONTEXT);

        assertThat(response.toString(StandardCharsets.UTF_8)).contains("OWN-ACCESS-KEY")
                .doesNotContain("PRIMING-FAKE-ACCESS-KEY");
        assertThat(resolved).hasValue(1);
    }
}
