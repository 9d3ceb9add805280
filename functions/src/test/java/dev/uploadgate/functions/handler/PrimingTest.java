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
        Map<HttpApiHandler, List<Integer>> expected = new LinkedHashMap<>();
        expected.put(new PresignPartHandler(environment), List.of(200, 200));
        expected.put(new PresignObjectHandler(environment), List.of(200, 200, 413, 413, 200));
        expected.put(new CreateMultipartHandler(environment), List.of(413, 200));
        expected.put(new CompleteMultipartHandler(environment), List.of(400, 200));
        expected.put(new ListPartsHandler(environment), List.of(400, 200, 200));
        expected.put(new AbortMultipartHandler(environment), List.of(400, 200));

        expected.forEach((handler, statuses) -> assertThat(handler.prime()).as(handler.operation()).isEqualTo(statuses));
        assertThat(connections).hasValue(0);
    }

    @Test
    void prime_anotherKeyPrefix_isPutIntoEveryKey() {
        Map<String, String> prefixed = new HashMap<>(environment);
        prefixed.put("KEY_PREFIX", "in box/2026/");

        assertThat(new PresignPartHandler(prefixed).prime()).containsExactly(200, 200);
        assertThat(new CompleteMultipartHandler(prefixed).prime()).containsExactly(400, 200);
    }

    @Test
    void run_s3Handlers_makeEachS3CallThroughTheSdkAgainstTheCannedS3() {
        Wiring wiring = Wiring.of(environment);
        Map<String, Function<Wiring, HttpApiHandler>> twins = new LinkedHashMap<>();
        twins.put("CreateMultipart", twin -> new CreateMultipartHandler(twin.createUpload()));
        twins.put("CompleteMultipart", twin -> new CompleteMultipartHandler(twin.completeUpload()));
        twins.put("ListParts", twin -> new ListPartsHandler(twin.listUploadParts()));
        twins.put("AbortMultipart", twin -> new AbortMultipartHandler(twin.abortUpload()));
        twins.put("PresignObject", twin -> new PresignObjectHandler(twin.presignObject()));
        twins.put("PresignPart", twin -> new PresignPartHandler(twin.presignParts()));
        Map<String, List<String>> calls = new LinkedHashMap<>();

        twins.forEach((operation, twin) -> {
            CannedS3 canned = new CannedS3();
            new Priming(wiring, operation, twin, () -> canned).run();
            calls.put(operation, canned.operations());
        });

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
        List<String> answers = new ArrayList<>();
        Priming priming = new Priming(Wiring.of(environment), "CreateMultipart", twin -> new RecordingCreate(twin, answers));

        priming.run();
        priming.run();

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

        assertThat(new CompleteMultipartHandler(closed).prime()).containsExactly(400, 200);
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
    void run_presignHandlers_neverResolveTheFunctionsOwnCredentials() {
        AtomicInteger resolved = new AtomicInteger();
        AwsCredentialsProvider unavailable = () -> {
            resolved.incrementAndGet();
            throw SdkClientException.create("the credentials endpoint is not reachable while priming");
        };
        Wiring wiring = Wiring.of(environment, unavailable);

        List<Integer> part = new Priming(wiring, "PresignPart", twin -> new PresignPartHandler(twin.presignParts())).run();
        List<Integer> object = new Priming(wiring, "PresignObject", twin -> new PresignObjectHandler(twin.presignObject())).run();

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
        Priming priming = new Priming(wiring, "PresignPart", twin -> new PresignPartHandler(twin.presignParts()));
        priming.run();
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(priming.requests().get(0)), response, Priming.CONTEXT);

        assertThat(response.toString(StandardCharsets.UTF_8)).contains("OWN-ACCESS-KEY").doesNotContain("PRIMING-FAKE-ACCESS-KEY");
        assertThat(resolved).hasValue(1);
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

        @Override
        String operation() {
            return "CreateMultipart";
        }
    }
}
