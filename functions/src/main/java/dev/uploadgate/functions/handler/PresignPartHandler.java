package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.rules.PartBindings;
import dev.uploadgate.functions.rules.PartNumbers;
import dev.uploadgate.functions.service.PresignParts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * {@code GET /s3/multipart/{uploadId}/{partNumber}} and {@code GET /s3/multipart/{uploadId}/batch}:
 * presigned UploadPart URLs, one or up to 100 at a time.
 */
public final class PresignPartHandler extends HttpApiHandler {
    private final PresignParts presignParts;
    /** Signs with fake credentials while priming; null when this handler primes on itself. */
    private final PresignPartHandler primingTwin;

    /** Used by the Lambda runtime. */
    public PresignPartHandler() {
        this(System.getenv());
    }

    /** Runs with the given environment instead of the process's (local mode). */
    public PresignPartHandler(Map<String, String> environment) {
        this(Wiring.of(environment));
        registerForCheckpoint();
    }

    /** Primed on a twin of the same wiring with fake credentials. */
    PresignPartHandler(Wiring wiring) {
        this(wiring.presignParts(), new PresignPartHandler(wiring.forPriming().presignParts()));
    }

    /** Primed on itself (tests, and the twin). */
    PresignPartHandler(PresignParts presignParts) {
        this(presignParts, null);
    }

    private PresignPartHandler(PresignParts presignParts, PresignPartHandler primingTwin) {
        this.presignParts = Objects.requireNonNull(presignParts, "presignParts");
        this.primingTwin = primingTwin;
    }

    @Override
    HttpApiHandler primingTwin() {
        return primingTwin == null ? this : primingTwin;
    }

    @Override
    Object handle(ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        if (isBatch(request)) {
            return presignParts.presignBatch(request.owner(), key, uploadId,
                    PartNumbers.parseBatch("partNumbers", request.requiredQuery("partNumbers")),
                    request.query("checksums").map(list -> List.of(list.split(",", -1))));
        }
        int partNumber = PartNumbers.parse("partNumber", request.pathParameter("partNumber"));
        OptionalLong contentLength = request.queryWholeNumber("contentLength");
        contentLength.ifPresent(PartBindings::requireContentLength);
        return presignParts.presignOne(request.owner(), key, uploadId, partNumber, contentLength,
                request.query("contentMD5").map(PartBindings::requireContentMd5), request.query("checksum"));
    }

    /** The batch route has no partNumber parameter (API Gateway prefers the literal segment). */
    private static boolean isBatch(ApiRequest request) {
        return request.optionalPathParameter("partNumber").isEmpty();
    }

    /** One part (with a content length and MD5 binding) and a batch of 100: the real signing work. */
    @Override
    List<byte[]> primingRequests() {
        String key = presignParts.exampleKey(Priming.owner());
        String path = "/s3/multipart/" + Priming.UPLOAD_ID;
        String batchOf100 = String.join(",", IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).toList());
        return List.of(
                Priming.request("GET", path + "/1", Map.of("uploadId", Priming.UPLOAD_ID, "partNumber", "1"),
                        Map.of("key", key, "contentLength", "5242880", "contentMD5", "1B2M2Y8AsgTpgAmY7PhCfg==", "checksum", "AAAAAA=="), null),
                Priming.request("GET", path + "/batch", Map.of("uploadId", Priming.UPLOAD_ID),
                        Map.of("key", key, "partNumbers", batchOf100), null));
    }
}
