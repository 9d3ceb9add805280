package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CreateUpload;

/** {@code POST /s3/multipart}: starts a multipart upload under a key the server chooses. */
public final class CreateMultipartHandler extends HttpApiHandler<CreateUpload> {

    @Override
    Object handle(CreateUpload createUpload, ApiRequest request) {
        return createUpload.create(request.owner(), RequestBodies.newObject(request.body()));
    }

    /** Used by the Lambda runtime. */
    public CreateMultipartHandler() {
        super(Wiring::createUpload);
    }

    CreateMultipartHandler(CreateUpload createUpload) {
        super(createUpload);
    }
}
