package dev.uploadgate.functions.handler;

/** Bench only: {@link CreateMultipartHandler} behind the typed interface (see {@link TypedApiHandler}). */
public final class TypedCreateMultipartHandler extends TypedApiHandler {
    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public TypedCreateMultipartHandler() {
        super(new CreateMultipartHandler());
    }
}
