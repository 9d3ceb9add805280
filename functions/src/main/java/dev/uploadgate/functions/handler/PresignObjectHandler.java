package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.service.NewObjectRequest;
import dev.uploadgate.functions.service.PresignObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code GET /s3/params} (a browser POST form, or a PUT with {@code method=PUT}) and
 * {@code GET /s3/download} (a presigned GET).
 */
public final class PresignObjectHandler extends HttpApiHandler {
    private final PresignObject presignObject;
    /** Signs with fake credentials while priming; null when this handler primes on itself. */
    private final PresignObjectHandler primingTwin;
    /** A download reads the object from S3 first: primed against the in-memory S3. */
    private final S3Priming s3Priming;

    /** Used by the Lambda runtime. */
    public PresignObjectHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public PresignObjectHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    /** Primed on a twin of the same wiring with fake credentials. */
    PresignObjectHandler(Wiring wiring) {
        this(wiring.presignObject(), new PresignObjectHandler(wiring.forPriming().presignObject()),
                S3Priming.offline(wiring, twin -> new PresignObjectHandler(twin.presignObject()), CannedS3::new));
    }

    /** Primed on itself, without S3 (tests, and the twins). */
    PresignObjectHandler(PresignObject presignObject) {
        this(presignObject, null, S3Priming.NONE);
    }

    private PresignObjectHandler(PresignObject presignObject, PresignObjectHandler primingTwin, S3Priming s3Priming) {
        this.presignObject = Objects.requireNonNull(presignObject, "presignObject");
        this.primingTwin = primingTwin;
        this.s3Priming = Objects.requireNonNull(s3Priming, "s3Priming");
    }

    @Override
    HttpApiHandler primingTwin() {
        return primingTwin == null ? this : primingTwin;
    }

    @Override
    Object handle(ApiRequest request) {
        if (request.rawPath().endsWith("/download")) {
            return presignObject.presignDownload(request.owner(), request.requiredQuery("key"), request.queryFlag("inline"));
        }
        NewObjectRequest upload = new NewObjectRequest(
                request.requiredQuery("filename"),
                request.query("type").orElse(null),
                request.queryGroup("metadata"),
                request.queryWholeNumber("size"),
                OptionalLong.empty(),
                request.query("checksumAlgorithm").orElse(null),
                request.query("checksumType").orElse(null),
                request.query("checksum").orElse(null));
        String method = request.query("method").orElse("POST").toUpperCase(Locale.ROOT);
        return switch (method) {
            case "POST" -> presignObject.presignPost(request.owner(), upload);
            case "PUT" -> presignObject.presignPut(request.owner(), upload);
            default -> throw ApiException.invalidField("query parameter method", method, "must be POST or PUT");
        };
    }

    /**
     * A form upload and a PUT upload (real signing work, run on the twin with fixed-id keys, so no
     * random id is drawn), and the form and PUT requests' size rule.
     */
    @Override
    List<byte[]> primingRequests() {
        Map<String, String> upload = Map.of("filename", "priming.bin", "type", "application/octet-stream",
                "metadata[name]", "priming.bin", "size", Priming.TOO_LARGE);
        Map<String, String> put = new LinkedHashMap<>(upload);
        put.put("method", "PUT");
        Map<String, String> fitting = new LinkedHashMap<>(upload);
        fitting.put("size", "1048576");
        Map<String, String> fittingPut = new LinkedHashMap<>(fitting);
        fittingPut.put("method", "PUT");
        return List.of(
                Priming.request("GET", "/s3/params", Map.of(), fitting, null),
                Priming.request("GET", "/s3/params", Map.of(), fittingPut, null),
                Priming.request("GET", "/s3/params", Map.of(), upload, null),
                Priming.request("GET", "/s3/params", Map.of(), put, null));
    }

    /** A download: HeadObject against the in-memory S3, then the signed GET. */
    @Override
    List<Integer> primeS3Calls() {
        return s3Priming.prime(List.of(
                Priming.request("GET", "/s3/download", Map.of(), Map.of("key", presignObject.exampleKey(Priming.owner())), null)));
    }
}
