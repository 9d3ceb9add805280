package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.service.CreateUpload;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code POST /s3/multipart}: starts a multipart upload under a key the server chooses. */
public final class CreateMultipartHandler extends HttpApiHandler {
    private final CreateUpload createUpload;
    private final S3Priming s3Priming;

    /** Used by the Lambda runtime. */
    public CreateMultipartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public CreateMultipartHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    private CreateMultipartHandler(Wiring wiring) {
        this(wiring.createUpload(), S3Priming.offline(wiring, twin -> new CreateMultipartHandler(twin.createUpload()), CannedS3::new));
    }

    /** Without S3 priming: only requests that stop before S3 are primed. */
    CreateMultipartHandler(CreateUpload createUpload) {
        this(createUpload, S3Priming.NONE);
    }

    CreateMultipartHandler(CreateUpload createUpload, S3Priming s3Priming) {
        this.createUpload = Objects.requireNonNull(createUpload, "createUpload");
        this.s3Priming = Objects.requireNonNull(s3Priming, "s3Priming");
    }

    @Override
    Object handle(ApiRequest request) {
        return createUpload.create(request.owner(), RequestBodies.newObject(request.body()));
    }

    /**
     * Body reading and the content-type and size rules, stopped by a size above any limit before
     * a key (a random id) is drawn or S3 is called.
     */
    @Override
    List<byte[]> primingRequests() {
        return List.of(Priming.request("POST", "/s3/multipart", Map.of(), Map.of(),
                "{\"filename\":\"priming.bin\",\"type\":\"application/octet-stream\",\"metadata\":{\"name\":\"priming.bin\"},"
                        + "\"size\":" + Priming.TOO_LARGE + "}"));
    }

    /** A valid upload of two parts, created in the in-memory S3 under the fixed priming id. */
    @Override
    List<Integer> primeS3Calls() {
        return s3Priming.prime(List.of(Priming.request("POST", "/s3/multipart", Map.of(), Map.of(),
                "{\"filename\":\"priming.bin\",\"type\":\"application/octet-stream\",\"metadata\":{\"name\":\"priming.bin\"},"
                        + "\"size\":" + CannedS3.OBJECT_SIZE + "}")));
    }
}
