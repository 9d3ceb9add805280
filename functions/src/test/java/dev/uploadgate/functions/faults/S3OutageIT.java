package dev.uploadgate.functions.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * S3 down in three ways (connection refused, 500/503 on every request, a server that never answers):
 * every handler that calls S3 answers 503 ServiceUnavailable JSON inside its function's timeout
 * (template.yaml: 15 s, 60 s for complete, whose S3 client waits up to 50 s for an assembly), and
 * the presign handlers, which never call S3, keep answering 200. Each handler's time is printed as
 * "FAULT scenario route millis" for the record.
 */
class S3OutageIT {
    /** Each function's timeout in template.yaml: an answer after it would never reach the caller. */
    private static final Map<String, Duration> LAMBDA_TIMEOUTS = Map.of("create", Duration.ofSeconds(15),
            "list", Duration.ofSeconds(15), "abort", Duration.ofSeconds(15), "complete", Duration.ofSeconds(60));
    private static final List<String> S3_ROUTES = List.of("create", "list", "complete", "abort");
    /** The quick functions; complete, against a server that never answers, takes its whole 50 s S3 budget. */
    private static final List<String> QUICK_ROUTES = List.of("create", "list", "abort");
    /** An upload created for 3 parts of 5 MiB: its part URLs are signed without asking S3. */
    private static final String KEY = "uploads/public/" + UUID.randomUUID() + ".s15728640-p5242880/a.bin";
    /** An upload of undeclared size: its part URLs are metered, which asks S3. */
    private static final String UNSIZED_KEY = "uploads/public/" + UUID.randomUUID() + "/a.bin";
    private static final String UPLOAD_ID = "c29tZS11cGxvYWQ";
    private static final String PARTS = "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}";

    @Test
    void everyS3Handler_portClosed_answersServiceUnavailableQuickly() throws Exception {
        try (BrokenS3 s3 = BrokenS3.closedPort()) {
            Map<String, Long> millis = assertUnavailable("closed-port", new Api(environment(s3)), S3_ROUTES);

            millis.forEach((route, ms) -> assertThat(ms).as(route).isLessThan(2_000));
        }
    }

    @ParameterizedTest(name = "S3 answers {0} {1}")
    @CsvSource({"500, InternalError", "503, ServiceUnavailable", "503, SlowDown"})
    void everyS3Handler_s3AnswersServerErrors_answersServiceUnavailableQuickly(int status, String code) throws Exception {
        try (BrokenS3 s3 = BrokenS3.answering(status, code)) {
            Map<String, Long> millis = assertUnavailable(status + "-" + code, new Api(environment(s3)), S3_ROUTES);

            millis.forEach((route, ms) -> assertThat(ms).as(route).isLessThan(LAMBDA_TIMEOUTS.get(route).toMillis()));
            // The SDK retried (more requests than calls) but gave up: a bounded number of attempts.
            System.out.println("FAULT " + status + "-" + code + " requests-received " + s3.requests());
            assertThat(s3.requests()).isBetween(millis.size() + 1, millis.size() * 4);
        }
    }

    @Test
    void quickS3Handlers_s3NeverAnswers_answerServiceUnavailableBeforeTheLambdaTimeout() throws Exception {
        try (BrokenS3 s3 = BrokenS3.silent()) {
            Map<String, Long> millis = assertUnavailable("silent", new Api(environment(s3)), QUICK_ROUTES);

            millis.forEach((route, ms) -> assertThat(ms).as(route).isLessThan(LAMBDA_TIMEOUTS.get(route).toMillis()));
        }
    }

    /** About 50 s by design (the assembly budget), so only on request: {@code -Dfaults.slow=true}. */
    @Test
    @EnabledIfSystemProperty(named = "faults.slow", matches = "true")
    void complete_s3NeverAnswers_answersServiceUnavailableBeforeItsLambdaTimeout() throws Exception {
        try (BrokenS3 s3 = BrokenS3.silent()) {
            Map<String, Long> millis = assertUnavailable("silent", new Api(environment(s3)), List.of("complete"));

            assertThat(millis.get("complete")).isLessThan(LAMBDA_TIMEOUTS.get("complete").toMillis());
        }
    }

    @Test
    void presignHandlers_s3PortClosed_stillSignSizedPartsAndNewObjectsAndAnswer503ForTheRest() throws Exception {
        try (BrokenS3 s3 = BrokenS3.closedPort()) {
            Api api = new Api(environment(s3));

            assertThat(api.presignPart(KEY, UPLOAD_ID, 1).status()).isEqualTo(200);
            assertThat(api.presignBatch(KEY, UPLOAD_ID, "1,2,3").status()).isEqualTo(200);
            assertThat(api.presignPart(UNSIZED_KEY, UPLOAD_ID, 1).text("code")).isEqualTo("ServiceUnavailable");
            assertThat(api.download(KEY).text("code")).isEqualTo("ServiceUnavailable");
            assertThat(Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params").rawQuery("filename=a.bin&type=image%2Fpng")
                    .build()).status()).isEqualTo(200);
            assertThat(Api.call(api.presignObject, HttpEvents.request("GET", "/s3/params")
                    .rawQuery("filename=a.bin&method=PUT&size=10").build()).status()).isEqualTo(200);
        }
    }

    /**
     * Calls the routes' handlers at once (so a server that never answers costs one timeout, not
     * four) and checks each answer; returns each call's duration in milliseconds.
     */
    private static Map<String, Long> assertUnavailable(String scenario, Api api, List<String> routes) {
        Map<String, Supplier<APIGatewayV2HTTPEvent>> calls = new LinkedHashMap<>();
        calls.put("create", () -> HttpEvents.request("POST", "/s3/multipart").body("{\"filename\":\"a.bin\",\"type\":\"image/png\"}").build());
        calls.put("list", () -> HttpEvents.request("GET", "/s3/multipart/{uploadId}").path("uploadId", UPLOAD_ID).query("key", KEY).build());
        calls.put("complete", () -> HttpEvents.request("POST", "/s3/multipart/{uploadId}/complete").path("uploadId", UPLOAD_ID)
                .query("key", KEY).body(PARTS).build());
        calls.put("abort", () -> HttpEvents.request("DELETE", "/s3/multipart/{uploadId}").path("uploadId", UPLOAD_ID).query("key", KEY).build());
        Map<String, RequestStreamHandler> handlers = Map.of(
                "create", api.create, "list", api.listParts, "complete", api.complete, "abort", api.abort);

        Map<String, CompletableFuture<Timed>> running = new LinkedHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(routes.size());
        for (String route : routes) {
            running.put(route, CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                Answer answer = Api.call(handlers.get(route), calls.get(route).get());
                return new Timed(answer, (System.nanoTime() - started) / 1_000_000);
            }, callers));
        }
        callers.shutdown();
        Map<String, Long> millis = new LinkedHashMap<>();
        running.forEach((route, future) -> {
            Timed timed = future.join();
            System.out.println("FAULT " + scenario + " " + route + " " + timed.millis() + " ms");
            assertThat(timed.answer().status()).as("%s: %s", route, timed.answer().body()).isEqualTo(503);
            assertThat(timed.answer().text("code")).isEqualTo("ServiceUnavailable");
            assertThat(timed.answer().text("message")).contains("S3 is unavailable").doesNotContain("Exception", "at dev.");
            assertThat(timed.answer().headers()).containsEntry("content-type", "application/json");
            millis.put(route, timed.millis());
        });
        assertThat(millis.keySet()).containsExactlyElementsOf(routes);
        return millis;
    }

    private record Timed(Answer answer, long millis) {
    }

    private static Map<String, String> environment(BrokenS3 s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BUCKET_NAME", S3ProxyServer.BUCKET);
        env.put("KEY_PREFIX", "uploads/");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("S3_ENDPOINT_URL", s3.endpoint().toString());
        return env;
    }
}
