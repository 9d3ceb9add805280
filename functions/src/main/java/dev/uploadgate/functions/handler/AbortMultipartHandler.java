package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.AbortUpload;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code DELETE /s3/multipart/{uploadId}}: aborts an upload and frees its parts. */
public final class AbortMultipartHandler extends HttpApiHandler {
    private final AbortUpload abortUpload;
    private final S3Priming s3Priming;

    /** Used by the Lambda runtime. */
    public AbortMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public AbortMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    private AbortMultipartHandler(Wiring wiring) {
        this(wiring.abortUpload(), S3Priming.offline(wiring, twin -> new AbortMultipartHandler(twin.abortUpload()), CannedS3::new));
    }

    /** Without S3 priming: only requests that stop before S3 are primed. */
    AbortMultipartHandler(AbortUpload abortUpload) {
        this(abortUpload, S3Priming.NONE);
    }

    AbortMultipartHandler(AbortUpload abortUpload, S3Priming s3Priming) {
        this.abortUpload = Objects.requireNonNull(abortUpload, "abortUpload");
        this.s3Priming = Objects.requireNonNull(s3Priming, "s3Priming");
    }

    @Override
    Object handle(ApiRequest request) {
        abortUpload.abort(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
        return Map.of();
    }

    /** Ownership and upload-id rules, stopped by a malformed upload id before S3 is called. */
    @Override
    List<byte[]> primingRequests() {
        return List.of(Priming.request("DELETE", "/s3/multipart/..", Map.of("uploadId", ".."),
                Map.of("key", abortUpload.exampleKey(Priming.owner())), null));
    }

    /** An upload aborted in the in-memory S3. */
    @Override
    List<Integer> primeS3Calls() {
        return s3Priming.prime(List.of(Priming.request("DELETE", "/s3/multipart/" + Priming.UPLOAD_ID,
                Map.of("uploadId", Priming.UPLOAD_ID), Map.of("key", abortUpload.exampleKey(Priming.owner())), null)));
    }
}
