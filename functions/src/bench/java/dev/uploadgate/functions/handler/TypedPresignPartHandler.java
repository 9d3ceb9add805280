package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.PresignParts;

/** Bench only: {@link PresignPartHandler} behind the typed interface (see {@link TypedApiHandler}). */
public final class TypedPresignPartHandler extends TypedApiHandler<PresignParts> {
    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public TypedPresignPartHandler() {
        super(Wiring::presignParts, PresignPartHandler::new);
    }
}
