package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.ListUploadParts;

/** {@code GET /s3/multipart/{uploadId}}: every part uploaded so far, so a client can resume. */
public final class ListPartsHandler extends HttpApiHandler<ListUploadParts> {

    @Override
    Object handle(ListUploadParts listUploadParts, ApiRequest request) {
        return listUploadParts.list(request.owner(), request.requiredQuery("key"), request.pathParameter("uploadId"));
    }

    /** Used by the Lambda runtime. */
    public ListPartsHandler() {
        super(Wiring::listUploadParts);
    }

    ListPartsHandler(ListUploadParts listUploadParts) {
        super(listUploadParts);
    }
}
