package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.AbortUpload;
import java.util.Map;
import java.util.Objects;

/** {@code DELETE /s3/multipart/{uploadId}}: aborts an upload, and S3 deletes its parts. */
public final class AbortMultipartHandler extends HttpApiHandler {
    private final AbortUpload abortUpload;

    /** Used by the Lambda runtime. */
    public AbortMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public AbortMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment).abortUpload());
        primeBeforeCheckpoint(environment, twin -> new AbortMultipartHandler(twin.abortUpload()));
    }

    AbortMultipartHandler(AbortUpload abortUpload) {
        this.abortUpload = Objects.requireNonNull(abortUpload, "abortUpload");
    }

    @Override
    Object handle(ApiRequest request) {
        abortUpload.abort(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
        return Map.of();
    }
}
