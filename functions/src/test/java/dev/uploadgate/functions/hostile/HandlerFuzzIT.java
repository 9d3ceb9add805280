package dev.uploadgate.functions.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.uploadgate.functions.testing.Api;
import dev.uploadgate.functions.testing.LambdaRuntime;
import dev.uploadgate.functions.testing.PlainHttp;
import dev.uploadgate.functions.testing.S3ProxyIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Generated and mutated payload 2.0 events for every handler, against the real S3Proxy. Whatever
 * arrives, no exception may escape a handler, no answer may be a 5xx (the S3 server is healthy
 * throughout), every body is JSON, and every error is the contract's {@code {"code", "message"}}
 * without a trace of the code. The tries are bounded so the run stays within seconds; each try
 * has its own seed (printed on failure), so a failure replays with {@code -Dfuzz.seed=N}.
 */
class HandlerFuzzIT extends S3ProxyIntegrationTest {
    static final int TRIES = 2_500;
    private static final int MAX_PATH_CHARS = 200;
    private static final List<String> ROUTES = List.of("create", "part", "batch", "complete", "list", "abort", "params", "download");

    private static String liveKey;
    private static String liveUploadId;
    private static String liveEtag;

    @BeforeAll
    static void openAnUpload() throws Exception {
        Api.Answer created = api.createUpload("fuzz.bin", "application/octet-stream");
        liveKey = created.text("key");
        liveUploadId = created.text("uploadId");
        liveEtag = PlainHttp.put(api.presignPart(liveKey, liveUploadId, 1).text("url"), new byte[] {7}, Map.of())
                .headers().firstValue("ETag").orElseThrow().replace("\"", "");
    }

    @Test
    void everyHandler_generatedOrMutatedEvents_answerWithinTheContract() {
        long base = Long.getLong("fuzz.seed", new Random().nextLong());
        int tries = Long.getLong("fuzz.seed") == null ? TRIES : 1;
        for (int i = 0; i < tries; i++) {
            long seed = base + i;
            Random random = new Random(seed);
            FuzzedRequest request = generate(ROUTES.get(random.nextInt(ROUTES.size())), random);
            APIGatewayV2HTTPResponse response;
            try {
                response = LambdaRuntime.invoke(handler(request.route()), request.event(), null);
            } catch (RuntimeException | Error escaped) {
                throw new AssertionError("an exception escaped the " + request.route() + " handler (replay: -Dfuzz.seed=" + seed + ") "
                        + request, escaped);
            }
            assertThat(ContractChecks.problems(response))
                    .as("answer %s to %s (replay: -Dfuzz.seed=%d)", ContractChecks.abbreviate(response.getBody()), request, seed)
                    .isEmpty();
        }
    }

    private static FuzzedRequest generate(String route, Random random) {
        Map<String, String> path = new LinkedHashMap<>();
        if (List.of("part", "batch", "complete", "list", "abort").contains(route)) {
            pick(random, liveUploadId).ifPresent(value -> path.put("uploadId", value));
        }
        if (route.equals("part")) {
            pick(random, Integer.toString(1 + random.nextInt(3))).ifPresent(value -> path.put("partNumber", value));
        }
        String query = query(route, random);
        return switch (random.nextInt(route.equals("create") || route.equals("complete") ? 8 : 12)) {
            case 0 -> new FuzzedRequest(route, path, query, null, false);
            case 1 -> new FuzzedRequest(route, path, query, FuzzInputs.base64(PlainHttp.randomBytes(random.nextInt(64), random.nextLong())), true);
            case 2 -> new FuzzedRequest(route, path, query, FuzzInputs.text(random), random.nextBoolean());
            case 3 -> new FuzzedRequest(route, path, query, FuzzInputs.jsonValue(random, 4), false);
            case 4 -> new FuzzedRequest(route, path, query, utf8Base64(FuzzInputs.jsonObject(random, 4)), true);
            case 5, 6 -> new FuzzedRequest(route, path, query, utf8Base64(FuzzInputs.mutate(random, validBody(route))), true);
            default -> new FuzzedRequest(route, path, query, utf8Base64(validBody(route)), true);
        };
    }

    /** The route's valid query with random edits: values replaced or mutated, parameters dropped, added or repeated. */
    private static String query(String route, Random random) {
        if (random.nextInt(10) == 0) {
            return FuzzInputs.text(random);
        }
        List<String[]> pairs = new ArrayList<>();
        switch (route) {
            case "create" -> { }
            case "params" -> {
                pairs.add(new String[] {"filename", "photo.png"});
                pairs.add(new String[] {"type", "image/png"});
                if (random.nextBoolean()) {
                    pairs.add(new String[] {"method", "PUT"});
                    pairs.add(new String[] {"size", "10"});
                }
                pairs.add(new String[] {"metadata[name]", "photo.png"});
            }
            case "batch" -> {
                pairs.add(new String[] {"key", liveKey});
                pairs.add(new String[] {"partNumbers", "1,2,3"});
            }
            case "part" -> {
                pairs.add(new String[] {"key", liveKey});
                if (random.nextBoolean()) {
                    pairs.add(new String[] {"contentLength", "1"});
                    pairs.add(new String[] {"contentMD5", "1B2M2Y8AsgTpgAmY7PhCfg=="});
                }
            }
            default -> pairs.add(new String[] {"key", liveKey});
        }
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = pairs.isEmpty() ? 0 : random.nextInt(pairs.size());
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!pairs.isEmpty()) {
                        pairs.get(at)[1] = FuzzInputs.mutate(random, pairs.get(at)[1]);
                    }
                }
                case 1 -> {
                    if (!pairs.isEmpty()) {
                        pairs.get(at)[1] = FuzzInputs.text(random);
                    }
                }
                case 2 -> {
                    if (!pairs.isEmpty()) {
                        pairs.remove(at);
                    }
                }
                case 3 -> {
                    if (!pairs.isEmpty()) {
                        pairs.add(new String[] {pairs.get(at)[0], FuzzInputs.text(random)});
                    }
                }
                default -> pairs.add(new String[] {FuzzInputs.FIELDS.get(random.nextInt(FuzzInputs.FIELDS.size())), FuzzInputs.text(random)});
            }
        }
        StringBuilder raw = new StringBuilder();
        for (String[] pair : pairs) {
            raw.append(raw.length() > 0 ? "&" : "").append(FuzzInputs.queryPart(random, pair[0])).append('=')
                    .append(FuzzInputs.queryPart(random, pair[1]));
        }
        return raw.toString();
    }

    private static String validBody(String route) {
        return route.equals("complete")
                ? "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"" + liveEtag + "\"}]}"
                : "{\"filename\":\"photo.png\",\"type\":\"image/png\",\"metadata\":{\"name\":\"photo.png\",\"n\":null},\"size\":1024}";
    }

    /**
     * The valid value most of the time, else a mutation of it, a random text, or nothing. At most
     * {@value #MAX_PATH_CHARS} characters: S3Proxy's filesystem store answers 500 for an upload id of
     * about 240 characters or more (it becomes a file name), a failure of the S3 server and not the API.
     */
    private static Optional<String> pick(Random random, String valid) {
        Optional<String> value = switch (random.nextInt(6)) {
            case 0, 1, 2 -> Optional.of(valid);
            case 3 -> Optional.of(FuzzInputs.mutate(random, valid));
            case 4 -> Optional.of(FuzzInputs.text(random));
            default -> Optional.empty();
        };
        return value.map(text -> text.length() > MAX_PATH_CHARS ? text.substring(0, MAX_PATH_CHARS) : text);
    }

    private static String utf8Base64(String text) {
        return FuzzInputs.base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String codeOf(APIGatewayV2HTTPResponse response) {
        var body = ContractChecks.body(response);
        return body != null && body.has("code") ? body.get("code").asText() : "";
    }

    private static RequestStreamHandler handler(String route) {
        return switch (route) {
            case "create" -> api.create;
            case "part", "batch" -> api.presignPart;
            case "complete" -> api.complete;
            case "list" -> api.listParts;
            case "abort" -> api.abort;
            default -> api.presignObject;
        };
    }
}
