package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CompleteUpload;
import dev.uploadgate.functions.service.CompleteUploadResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code POST /s3/multipart/{uploadId}/complete}: assembles the object from its parts. */
public final class CompleteMultipartHandler extends HttpApiHandler {
    private final CompleteUpload completeUpload;

    /** Used by the Lambda runtime. */
    public CompleteMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public CompleteMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment).completeUpload());
    }

    CompleteMultipartHandler(CompleteUpload completeUpload) {
        this.completeUpload = Objects.requireNonNull(completeUpload, "completeUpload");
    }

    @Override
    Object handle(ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        return completeUpload.complete(request.owner(), key, uploadId, RequestBodies.completedParts(request.body()));
    }

    /** Body reading, ownership and part-list rules, stopped by parts out of order before S3 is called. */
    @Override
    List<byte[]> primingRequests() {
        String path = "/s3/multipart/" + Priming.UPLOAD_ID + "/complete";
        return List.of(Priming.request("POST", path, Map.of("uploadId", Priming.UPLOAD_ID),
                Map.of("key", completeUpload.exampleKey(Priming.owner())), Priming.PARTS_OUT_OF_ORDER));
    }

    @Override
    List<Object> primingAnswers() {
        String key = completeUpload.exampleKey(Priming.owner());
        return List.of(new CompleteUploadResponse("https://priming.invalid/" + key, key, "priming",
                "\"0123456789abcdef0123456789abcdef-2\"", 5_242_957L));
    }
}
