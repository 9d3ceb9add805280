package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.ListUploadParts;
import dev.uploadgate.functions.service.PartResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code GET /s3/multipart/{uploadId}}: every uploaded part, so a client can resume. */
public final class ListPartsHandler extends HttpApiHandler {
    private final ListUploadParts listUploadParts;

    /** Used by the Lambda runtime. */
    public ListPartsHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public ListPartsHandler(Map<String, String> environment) {
        this(Wiring.of(environment).listUploadParts());
    }

    ListPartsHandler(ListUploadParts listUploadParts) {
        this.listUploadParts = Objects.requireNonNull(listUploadParts, "listUploadParts");
    }

    @Override
    Object handle(ApiRequest request) {
        return listUploadParts.list(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
    }

    /** Ownership and upload-id rules, stopped by a malformed upload id before S3 is called. */
    @Override
    List<byte[]> primingRequests() {
        return List.of(Priming.request("GET", "/s3/multipart/..", Map.of("uploadId", ".."),
                Map.of("key", listUploadParts.exampleKey(Priming.owner())), null));
    }

    @Override
    List<Object> primingAnswers() {
        return List.of(List.of(new PartResponse(1, 5_242_880L, "\"0123456789abcdef0123456789abcdef\"")));
    }
}
