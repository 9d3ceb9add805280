package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.service.NewObjectRequest;
import dev.uploadgate.functions.service.PresignObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /s3/params} (a browser POST form, or a PUT with {@code method=PUT}) and
 * {@code GET /s3/download} (a presigned GET).
 */
public final class PresignObjectHandler extends HttpApiHandler {
    private final PresignObject presignObject;

    /** Used by the Lambda runtime. */
    public PresignObjectHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public PresignObjectHandler(Map<String, String> environment) {
        this(Wiring.of(environment).presignObject());
        registerForCheckpoint();
    }

    PresignObjectHandler(PresignObject presignObject) {
        this.presignObject = Objects.requireNonNull(presignObject, "presignObject");
    }

    @Override
    Object handle(ApiRequest request) {
        if (request.rawPath().endsWith("/download")) {
            return presignObject.presignDownload(request.owner(), request.requiredQuery("key"));
        }
        NewObjectRequest upload = new NewObjectRequest(
                request.requiredQuery("filename"),
                request.query("type").orElse(null),
                request.queryGroup("metadata"),
                request.queryWholeNumber("size"));
        String method = request.query("method").orElse("POST").toUpperCase(Locale.ROOT);
        return switch (method) {
            case "POST" -> presignObject.presignPost(request.owner(), upload);
            case "PUT" -> presignObject.presignPut(request.owner(), upload);
            default -> throw ApiException.invalidField("query parameter method", method, "must be POST or PUT");
        };
    }

    /**
     * A presigned download (real signing work), and the form and PUT requests' rules, stopped by a
     * size above any limit before a key (a random id) is drawn.
     */
    @Override
    List<byte[]> primingRequests() {
        Map<String, String> upload = Map.of("filename", "priming.bin", "type", "application/octet-stream",
                "metadata[name]", "priming.bin", "size", Priming.TOO_LARGE);
        Map<String, String> put = new LinkedHashMap<>(upload);
        put.put("method", "PUT");
        return List.of(
                Priming.request("GET", "/s3/download", Map.of(), Map.of("key", presignObject.exampleKey(Priming.owner())), null),
                Priming.request("GET", "/s3/params", Map.of(), upload, null),
                Priming.request("GET", "/s3/params", Map.of(), put, null));
    }
}
