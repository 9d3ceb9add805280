package dev.uploadgate.functions.handler;

/** Bench only: {@link PresignPartHandler} behind the typed interface (see {@link TypedApiHandler}). */
public final class TypedPresignPartHandler extends TypedApiHandler {
    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public TypedPresignPartHandler() {
        super(new PresignPartHandler());
    }
}
