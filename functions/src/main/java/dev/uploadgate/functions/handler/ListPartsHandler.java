package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.ListUploadParts;
import java.util.Map;
import java.util.Objects;

/** {@code GET /s3/multipart/{uploadId}}: every part uploaded so far, so a client can resume. */
public final class ListPartsHandler extends HttpApiHandler {
    private final ListUploadParts listUploadParts;

    /** Used by the Lambda runtime. */
    public ListPartsHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public ListPartsHandler(Map<String, String> environment) {
        this(Wiring.of(environment).listUploadParts());
        primeBeforeCheckpoint(environment, twin -> new ListPartsHandler(twin.listUploadParts()));
    }

    ListPartsHandler(ListUploadParts listUploadParts) {
        this.listUploadParts = Objects.requireNonNull(listUploadParts, "listUploadParts");
    }

    @Override
    Object handle(ApiRequest request) {
        return listUploadParts.list(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
    }
}
