package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CompleteUpload;
import java.util.Map;
import java.util.Objects;

/** {@code POST /s3/multipart/{uploadId}/complete}: assembles the uploaded parts into the object. */
public final class CompleteMultipartHandler extends HttpApiHandler {
    private final CompleteUpload completeUpload;

    /** Used by the Lambda runtime. */
    public CompleteMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public CompleteMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment).completeUpload());
        primeBeforeCheckpoint(environment, twin -> new CompleteMultipartHandler(twin.completeUpload()));
    }

    CompleteMultipartHandler(CompleteUpload completeUpload) {
        this.completeUpload = Objects.requireNonNull(completeUpload, "completeUpload");
    }

    @Override
    Object handle(ApiRequest request) {
        RequestBodies.Completion completion = RequestBodies.completion(request.body());
        return completeUpload.complete(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"),
                completion.parts(), completion.checksum());
    }
}
