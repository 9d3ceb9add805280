package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.ListUploadParts;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code GET /s3/multipart/{uploadId}}: every uploaded part, so a client can resume. */
public final class ListPartsHandler extends HttpApiHandler {
    private final ListUploadParts listUploadParts;
    private final S3Priming s3Priming;

    /** Used by the Lambda runtime. */
    public ListPartsHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public ListPartsHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    private ListPartsHandler(Wiring wiring) {
        this(wiring.listUploadParts(), S3Priming.offline(wiring, twin -> new ListPartsHandler(twin.listUploadParts()), CannedS3::new));
    }

    /** Without S3 priming: only requests that stop before S3 are primed. */
    ListPartsHandler(ListUploadParts listUploadParts) {
        this(listUploadParts, S3Priming.NONE);
    }

    ListPartsHandler(ListUploadParts listUploadParts, S3Priming s3Priming) {
        this.listUploadParts = Objects.requireNonNull(listUploadParts, "listUploadParts");
        this.s3Priming = Objects.requireNonNull(s3Priming, "s3Priming");
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

    /**
     * An upload with two parts, and one with none, which is then looked up among the open uploads
     * (ListMultipartUploads), both in the in-memory S3.
     */
    @Override
    List<Integer> primeS3Calls() {
        String key = listUploadParts.exampleKey(Priming.owner());
        return s3Priming.prime(List.of(
                Priming.request("GET", "/s3/multipart/" + Priming.UPLOAD_ID, Map.of("uploadId", Priming.UPLOAD_ID), Map.of("key", key), null),
                Priming.request("GET", "/s3/multipart/" + Priming.EMPTY_UPLOAD_ID, Map.of("uploadId", Priming.EMPTY_UPLOAD_ID),
                        Map.of("key", key), null)));
    }
}
