package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.service.NewObjectRequest;
import dev.uploadgate.functions.service.PresignObject;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code GET /s3/params} (a browser POST form, or a PUT with {@code method=PUT}) and
 * {@code GET /s3/download} (a presigned GET).
 */
public final class PresignObjectHandler extends HttpApiHandler<PresignObject> {
    private static final String DOWNLOAD_ROUTE = "GET /s3/download";

    @Override
    Object handle(PresignObject presignObject, ApiRequest request) {
        if (request.routeKey().equals(DOWNLOAD_ROUTE)) {
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

    /** Used by the Lambda runtime. */
    public PresignObjectHandler() {
        super(Wiring::presignObject);
    }

    PresignObjectHandler(PresignObject presignObject) {
        super(presignObject);
    }
}
