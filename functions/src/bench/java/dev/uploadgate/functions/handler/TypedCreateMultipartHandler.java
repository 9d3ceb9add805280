package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CreateUpload;

/** Bench only: {@link CreateMultipartHandler} behind the typed interface (see {@link TypedApiHandler}). */
public final class TypedCreateMultipartHandler extends TypedApiHandler<CreateUpload> {
    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public TypedCreateMultipartHandler() {
        super(Wiring::createUpload, CreateMultipartHandler::new);
    }
}
