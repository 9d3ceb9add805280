package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CompleteUpload;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code POST /s3/multipart/{uploadId}/complete}: assembles the object from its parts. */
public final class CompleteMultipartHandler extends HttpApiHandler {
    private final CompleteUpload completeUpload;
    private final S3Priming s3Priming;

    /** Used by the Lambda runtime. */
    public CompleteMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public CompleteMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    private CompleteMultipartHandler(Wiring wiring) {
        this(wiring.completeUpload(), S3Priming.offline(wiring, twin -> new CompleteMultipartHandler(twin.completeUpload()), CannedS3::new));
    }

    /** Without S3 priming: only requests that stop before S3 are primed. */
    CompleteMultipartHandler(CompleteUpload completeUpload) {
        this(completeUpload, S3Priming.NONE);
    }

    CompleteMultipartHandler(CompleteUpload completeUpload, S3Priming s3Priming) {
        this.completeUpload = Objects.requireNonNull(completeUpload, "completeUpload");
        this.s3Priming = Objects.requireNonNull(s3Priming, "s3Priming");
    }

    @Override
    Object handle(ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        RequestBodies.Completion completion = RequestBodies.completion(request.body());
        return completeUpload.complete(request.owner(), key, uploadId, completion.parts(), completion.checksum());
    }

    /** Body reading, ownership and part-list rules, stopped by parts out of order before S3 is called. */
    @Override
    List<byte[]> primingRequests() {
        String path = "/s3/multipart/" + Priming.UPLOAD_ID + "/complete";
        return List.of(Priming.request("POST", path, Map.of("uploadId", Priming.UPLOAD_ID),
                Map.of("key", completeUpload.exampleKey(Priming.owner())), Priming.PARTS_OUT_OF_ORDER));
    }

    /** The parts the in-memory S3 lists, completed: ListParts, CompleteMultipartUpload and HeadObject. */
    @Override
    List<Integer> primeS3Calls() {
        String path = "/s3/multipart/" + Priming.UPLOAD_ID + "/complete";
        return s3Priming.prime(List.of(Priming.request("POST", path, Map.of("uploadId", Priming.UPLOAD_ID),
                Map.of("key", completeUpload.exampleKey(Priming.owner())), Priming.PARTS_IN_ORDER)));
    }
}
