package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.AbortUpload;
import java.util.Map;

/** {@code DELETE /s3/multipart/{uploadId}}: aborts an upload, and S3 deletes its parts. */
public final class AbortMultipartHandler extends HttpApiHandler<AbortUpload> {

    @Override
    Object handle(AbortUpload abortUpload, ApiRequest request) {
        abortUpload.abort(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
        return Map.of();
    }

    /** Used by the Lambda runtime. */
    public AbortMultipartHandler() {
        super(Wiring::abortUpload);
    }

    AbortMultipartHandler(AbortUpload abortUpload) {
        super(abortUpload);
    }
}
