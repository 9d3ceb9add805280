package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.Owner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The requests a function runs on itself before a SnapStart snapshot, so the snapshot holds the
 * classes, JIT code and Jackson serializers of its real request path. Every value here is fixed,
 * and no clock reading or random draw is kept. No priming resolves the function's own credentials
 * (under SnapStart a call to Lambda's credentials endpoint, whose answer would stay in the
 * snapshot): the presign operations prime a twin that signs with fixed fake credentials and
 * fixed-id keys ({@link Wiring#forPriming()}), and the S3 operations' priming ({@link S3Priming})
 * runs a twin whose client signs with the same fake credentials and never reaches the network.
 * What that leaves behind is one entry of our signing-key cache and one of the SDK's, derived
 * from the fake secret and the priming date, which no real request can match.
 */
final class Priming {
    /** An IAM caller, so the owner is derived (hashed) as for a real signed request. */
    private static final String PRINCIPAL = "AROAPRIMINGSNAPSTART:priming";
    static final String UPLOAD_ID = "UHJpbWluZyB1cGxvYWQ.bXVsdGlwYXJ0";
    /** An upload with no part yet: listing it also asks S3 whether it is still open. */
    static final String EMPTY_UPLOAD_ID = "UHJpbWluZyBlbXB0eQ.bXVsdGlwYXJ0";
    /** The parts {@link CannedS3} lists for {@link #UPLOAD_ID}, so completing them succeeds. */
    static final String PARTS_IN_ORDER = "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"\\\"0123456789abcdef0123456789abcdef\\\"\"},"
            + "{\"PartNumber\":2,\"ETag\":\"\\\"0123456789abcdef0123456789abcdef\\\"\"}]}";
    /** A part list out of order: complete rejects it before its first S3 call. */
    static final String PARTS_OUT_OF_ORDER = "{\"parts\":[{\"PartNumber\":2,\"ETag\":\"\\\"0123456789abcdef0123456789abcdef\\\"\"},"
            + "{\"PartNumber\":1,\"ETag\":\"\\\"0123456789abcdef0123456789abcdef\\\"\"}]}";
    /** Above S3's own 5 TiB ceiling, so any configured limit rejects it before a key is drawn. */
    static final String TOO_LARGE = "5497558138881";

    /** Priming writes no log lines: there is no request to account for. */
    static final Context CONTEXT = new FixedContext("priming", "snapstart-priming", new LambdaLogger() {
        @Override
        public void log(String message) {
            // Priming's request log lines would only say that priming ran.
        }

        @Override
        public void log(byte[] message) {
            // As above.
        }
    });

    private Priming() {
    }

    /** The owner {@link ApiRequest#owner()} derives for the priming requests. */
    static Owner owner() {
        return ApiRequest.from(HttpApiEvent.read(request("GET", "/", Map.of(), Map.of(), null))).owner();
    }

    /**
     * The JSON bytes of a payload 2.0 event as API Gateway builds it for an AWS_IAM route, as
     * Lambda hands them to the handler.
     */
    static byte[] request(String method, String path, Map<String, String> pathParameters,
            Map<String, String> query, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", new TreeMap<>(query).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
        event.put("headers", ordered("content-type", "application/json", "host", "priming.invalid"));
        event.put("pathParameters", pathParameters.isEmpty() ? null : new TreeMap<>(pathParameters));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        event.put("requestContext", ordered(
                "requestId", "snapstart-priming",
                "authorizer", ordered("iam", ordered("userId", PRINCIPAL)),
                "http", ordered("method", method, "path", path)));
        return Json.writeBytes(event);
    }

    /** Fields in the order given: Map.of iterates in an order drawn afresh by each JVM. */
    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
