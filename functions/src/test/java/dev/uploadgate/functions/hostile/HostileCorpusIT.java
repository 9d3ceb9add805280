package dev.uploadgate.functions.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.Api.Answer;
import dev.uploadgate.functions.testing.HttpEvents;
import dev.uploadgate.functions.testing.LambdaRuntime;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The hostile corpus (src/test/resources/hostile/corpus.json): malformed requests on every route,
 * each sent as a payload 2.0 event to the real handler against the shared S3Proxy. A refusal must be
 * the contract's 4xx JSON with the case's code, carry no stack trace, and leave the bucket as it was
 * (no upload started, no object assembled). The few accepted cases (hostile but valid file names)
 * must answer 200 with a key the server itself accepts back.
 *
 * <p>A case names its route and may give {@code path} parameters (null removes one), a raw
 * {@code query}, and a body as {@code body} (sent base64-encoded, as API Gateway does),
 * {@code rawBody} (sent as text) or {@code base64Body} (sent as is, flagged base64). Placeholders
 * such as {@code ${key}} stand for the live upload's values or for generated large inputs. A case
 * with a {@code bug} field documents a known defect of the main code: it fails, naming the bug,
 * until the code is fixed; then the field goes.
 */
class HostileCorpusIT extends S3ProxyIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static final Pattern SERVER_KEY = Pattern.compile(
            "uploads/public/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\\.s[0-9]+-p[0-9]+)?(?:\\.[a-z0-9]+-(?:full|composite))?/([^/]+)");
    private static final String PREFIX = "uploads/";
    /** The presign routes sign locally (or read S3 only): nothing they answer can change the bucket. */
    private static final Set<String> ROUTES_THAT_CALL_S3 = Set.of("create", "complete", "list", "abort");
    /** Names only Jackson's own messages contain; an error message should describe the body, not the parser. */
    private static final List<String> JACKSON_INTERNALS = List.of("StreamReadConstraints", "JsonReadFeature", "DeserializationFeature");

    /** An upload in progress with one part, which no case of the corpus may complete or abort. */
    private static String liveKey;
    private static String liveUploadId;
    private static Map<String, String> placeholders;

    record HostileCase(String name, String route, JsonNode spec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HostileCase> corpus() throws IOException {
        try (InputStream in = HostileCorpusIT.class.getResourceAsStream("/hostile/corpus.json")) {
            JsonNode cases = JSON.readTree(in);
            List<HostileCase> list = new ArrayList<>();
            cases.forEach(c -> list.add(new HostileCase(c.get("name").asText(), c.get("route").asText(), c)));
            return list.stream();
        }
    }

    @BeforeAll
    static void startLiveUpload() throws Exception {
        Answer created = api.createUpload("live.bin", "application/octet-stream");
        liveKey = created.text("key");
        liveUploadId = created.text("uploadId");
        String etag = PlainHttp.put(api.presignPart(liveKey, liveUploadId, 1).text("url"), new byte[] {1, 2, 3}, Map.of())
                .headers().firstValue("ETag").orElseThrow().replace("\"", "");
        Matcher key = SERVER_KEY.matcher(liveKey);
        assertThat(key.matches()).as(liveKey).isTrue();

        placeholders = new HashMap<>();
        placeholders.put("key", encode(liveKey));
        placeholders.put("uploadId", liveUploadId);
        placeholders.put("etag", etag);
        placeholders.put("uuid", liveKey.split("/")[2]);
        placeholders.put("foreignKey", encode(liveKey.replace("uploads/public/", "uploads/someone-else/")));
        placeholders.put("unknownUploadId", "bm90LWFuLXVwbG9hZC1hdC1hbGw");
        placeholders.put("name2000", "n".repeat(1996) + ".bin");
        placeholders.put("name2000utf8", "é".repeat(998) + ".bin");
        placeholders.put("name2000utf8Encoded", encode("é".repeat(998) + ".bin"));
        placeholders.put("name2000emoji", "\\ud83d\\ude00".repeat(499) + ".bin");
        placeholders.put("pad1100k", "x".repeat(1100 * 1024));
        placeholders.put("nest10000", "[".repeat(10_000) + "]".repeat(10_000));
        placeholders.put("batch101", IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        placeholders.put("parts10001", IntStream.rangeClosed(1, 10_001)
                .mapToObj(n -> "{\"PartNumber\":" + n + ",\"ETag\":\"" + etag + "\"}").collect(Collectors.joining(",", "[", "]")));
        placeholders.put("parts10000reversed", IntStream.rangeClosed(1, 10_000).map(n -> 10_001 - n)
                .mapToObj(n -> "{\"PartNumber\":" + n + ",\"ETag\":\"" + etag + "\"}").collect(Collectors.joining(",", "[", "]")));
    }

    @AfterAll
    static void liveUploadIsUntouched() {
        Answer parts = api.listParts(liveKey, liveUploadId);
        assertThat(parts.status()).as(parts.body().toString()).isEqualTo(200);
        assertThat(parts.body()).hasSize(1);
        assertThat(s3.admin().listObjectsV2(b -> b.bucket(S3ProxyServer.BUCKET).prefix(liveKey)).contents()).isEmpty();
        api.abort(liveKey, liveUploadId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileRequest_isRefusedWithTheContractsErrorAndLeavesNothingBehind(HostileCase hostile) {
        JsonNode spec = hostile.spec();
        int expectedStatus = spec.get("status").asInt();
        boolean callsS3 = ROUTES_THAT_CALL_S3.contains(hostile.route());
        Set<String> before = callsS3 && expectedStatus >= 400 ? bucketState() : Set.of();

        APIGatewayV2HTTPResponse response = LambdaRuntime.invoke(handler(hostile.route()), event(hostile.route(), spec), null);

        // A case marked "bug" fails until the main code is fixed; the mark says what is wrong and where.
        String knownBug = spec.has("bug") ? " -- KNOWN " + spec.get("bug").asText() : "";
        List<String> problems = new ArrayList<>(ContractChecks.problems(response));
        JACKSON_INTERNALS.stream().filter(name -> response.getBody().contains(name))
                .forEach(name -> problems.add("body names the parser's internals: " + name));
        assertThat(problems).as("%s: answer %s%s", hostile.name(), ContractChecks.abbreviate(response.getBody()), knownBug).isEmpty();
        JsonNode body = ContractChecks.body(response);
        assertThat(response.getStatusCode()).as("%s: answer %s%s", hostile.name(), ContractChecks.abbreviate(response.getBody()), knownBug)
                .isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            assertThat(body.get("code").asText()).as("%s: answer %s%s", hostile.name(), body, knownBug).isEqualTo(spec.get("code").asText());
            if (spec.has("messageContains")) {
                assertThat(body.get("message").asText()).contains(spec.get("messageContains").asText());
            }
            if (callsS3) {
                assertThat(bucketState()).as("uploads and objects after the refusal").isEqualTo(before);
            }
        } else {
            assertSafeKey(hostile, spec, body);
        }
    }

    /** A key the server chose: its shape, S3's 1,024-byte limit, a short and clean file name, and accepted back. */
    private static void assertSafeKey(HostileCase hostile, JsonNode spec, JsonNode body) {
        String key = body.get("key").asText();
        Matcher shape = SERVER_KEY.matcher(key);
        assertThat(shape.matches()).as("key %s", key).isTrue();
        String fileName = shape.group(1);
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(fileName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(fileName).isNotIn(".", "..").doesNotContain("\\");
        assertThat(fileName.codePoints()).allSatisfy(c -> {
            assertThat(Character.isISOControl(c)).as("control character U+%04X", c).isFalse();
            assertThat(Character.getType(c)).as("format character U+%04X", c).isNotEqualTo((int) Character.FORMAT);
            assertThat(Character.getType(c)).as("surrogate U+%04X", c).isNotEqualTo((int) Character.SURROGATE);
        });
        if (spec.has("keyEndsWith")) {
            assertThat(key).endsWith(spec.get("keyEndsWith").asText());
        }
        // Accepted back: past the ownership check, the object simply is not there yet.
        Answer download = api.download(key);
        assertThat(download.status()).as("the server accepts its own key back: %s", download.body()).isEqualTo(404);
        assertThat(download.text("code")).isEqualTo("NotFound");
        if (hostile.route().equals("create")) {
            Answer aborted = api.abort(key, body.get("uploadId").asText());
            assertThat(aborted.status()).as(aborted.body().toString()).isEqualTo(200);
        }
    }

    private static RequestStreamHandler handler(String route) {
        return switch (route) {
            case "create" -> api.create;
            case "part", "batch" -> api.presignPart;
            case "complete" -> api.complete;
            case "list" -> api.listParts;
            case "abort" -> api.abort;
            case "params", "download" -> api.presignObject;
            default -> throw new IllegalArgumentException("unknown route in the corpus: " + route);
        };
    }

    private static APIGatewayV2HTTPEvent event(String route, JsonNode spec) {
        HttpEvents request = switch (route) {
            case "create" -> HttpEvents.request("POST", "/s3/multipart");
            case "part" -> HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}");
            case "batch" -> HttpEvents.request("GET", "/s3/multipart/{uploadId}/batch");
            case "complete" -> HttpEvents.request("POST", "/s3/multipart/{uploadId}/complete");
            case "list" -> HttpEvents.request("GET", "/s3/multipart/{uploadId}");
            case "abort" -> HttpEvents.request("DELETE", "/s3/multipart/{uploadId}");
            case "params" -> HttpEvents.request("GET", "/s3/params");
            case "download" -> HttpEvents.request("GET", "/s3/download");
            default -> throw new IllegalArgumentException("unknown route in the corpus: " + route);
        };
        Map<String, String> path = new HashMap<>();
        if (!route.equals("create") && !route.equals("params") && !route.equals("download")) {
            path.put("uploadId", "${uploadId}");
        }
        if (route.equals("part")) {
            path.put("partNumber", "1");
        }
        if (spec.has("path")) {
            spec.get("path").properties().forEach(p -> path.put(p.getKey(), p.getValue().isNull() ? null : p.getValue().asText()));
        }
        path.forEach((name, value) -> {
            if (value != null) {
                request.path(name, expand(value));
            }
        });
        request.rawQuery(expand(spec.has("query") ? spec.get("query").asText() : defaultQuery(route)));
        if (spec.has("body")) {
            request.body(expand(spec.get("body").asText()));
        }
        APIGatewayV2HTTPEvent event = request.build();
        if (spec.has("rawBody")) {
            event.setBody(expand(spec.get("rawBody").asText()));
            event.setIsBase64Encoded(false);
        } else if (spec.has("base64Body")) {
            event.setBody(spec.get("base64Body").asText());
            event.setIsBase64Encoded(true);
        }
        return event;
    }

    private static String defaultQuery(String route) {
        return switch (route) {
            case "create" -> "";
            case "batch" -> "key=${key}&partNumbers=1";
            case "params" -> "filename=a.bin";
            default -> "key=${key}";
        };
    }

    private static String expand(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder in the corpus: " + matcher.group());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    /** Every object and every multipart upload in progress under the key prefix. */
    private static Set<String> bucketState() {
        Set<String> state = new TreeSet<>();
        s3.admin().listObjectsV2Paginator(b -> b.bucket(S3ProxyServer.BUCKET).prefix(PREFIX)).contents().stream()
                .map(S3Object::key).forEach(key -> state.add("object " + key));
        s3.admin().listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(PREFIX)).uploads()
                .forEach(upload -> state.add("upload " + upload.key() + " " + upload.uploadId()));
        return state;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
