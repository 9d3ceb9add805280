package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CompleteUpload;

/** {@code POST /s3/multipart/{uploadId}/complete}: assembles the uploaded parts into the object. */
public final class CompleteMultipartHandler extends HttpApiHandler<CompleteUpload> {

    @Override
    Object handle(CompleteUpload completeUpload, ApiRequest request) {
        RequestBodies.Completion completion = RequestBodies.completion(request.body());
        return completeUpload.complete(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"),
                completion.parts(), completion.checksum());
    }

    /** Used by the Lambda runtime. */
    public CompleteMultipartHandler() {
        super(Wiring::completeUpload);
    }

    CompleteMultipartHandler(CompleteUpload completeUpload) {
        super(completeUpload);
    }
}
