package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.rules.PartBindings;
import dev.uploadgate.functions.rules.PartNumbers;
import dev.uploadgate.functions.service.PresignParts;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code GET /s3/multipart/{uploadId}/{partNumber}} and {@code GET /s3/multipart/{uploadId}/batch}:
 * presigned UploadPart URLs, one or up to 100 at a time.
 */
public final class PresignPartHandler extends HttpApiHandler<PresignParts> {
    private static final String BATCH_ROUTE = "GET /s3/multipart/{uploadId}/batch";

    @Override
    Object handle(PresignParts presignParts, ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        if (request.routeKey().equals(BATCH_ROUTE)) {
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

    /** Used by the Lambda runtime. */
    public PresignPartHandler() {
        super(Wiring::presignParts);
    }

    PresignPartHandler(PresignParts presignParts) {
        super(presignParts);
    }
}
