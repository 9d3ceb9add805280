package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CreateUpload;
import java.util.Map;
import java.util.Objects;

/** {@code POST /s3/multipart}: starts a multipart upload under a key the server chooses. */
public final class CreateMultipartHandler extends HttpApiHandler {
    private final CreateUpload createUpload;

    /** Used by the Lambda runtime. */
    public CreateMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public CreateMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment).createUpload());
        primeBeforeCheckpoint(environment, twin -> new CreateMultipartHandler(twin.createUpload()));
    }

    CreateMultipartHandler(CreateUpload createUpload) {
        this.createUpload = Objects.requireNonNull(createUpload, "createUpload");
    }

    @Override
    Object handle(ApiRequest request) {
        return createUpload.create(request.owner(), RequestBodies.newObject(request.body()));
    }
}
