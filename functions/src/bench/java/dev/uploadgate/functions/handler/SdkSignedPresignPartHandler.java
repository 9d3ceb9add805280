package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.AwsClients;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.PartBindings;
import dev.uploadgate.functions.rules.PartNumbers;
import dev.uploadgate.functions.service.SdkPresignParts;
import dev.uploadgate.functions.service.SdkUrlSigner;
import dev.uploadgate.functions.service.UrlLifetime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Bench only (issue 10, signer decision): {@link PresignPartHandler} with the SDK's
 * {@code AwsV4HttpSigner} ({@link SdkUrlSigner}, {@link SdkPresignParts}) in place of
 * {@code UrlSigner}, for the cold-start A/B in {@code SignerColdStart}. The same settings, request
 * parsing, checks, answer records and JSON path; it is built through the same base constructor as
 * the real handler (wiring, owners, SnapStart registration), so both pay the same construction.
 */
public final class SdkSignedPresignPartHandler extends HttpApiHandler<SdkPresignParts> {
    private static final String BATCH_ROUTE = "GET /s3/multipart/{uploadId}/batch";

    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public SdkSignedPresignPartHandler() {
        super(wiring -> sdkPresignParts(System.getenv()));
    }

    private static SdkPresignParts sdkPresignParts(Map<String, String> environment) {
        UploadSettings settings = UploadSettings.fromEnvironment(environment);
        return new SdkPresignParts(new SdkUrlSigner(AwsClients.credentials(environment), settings.bucket(), settings.region(),
                settings.s3Endpoint(), new UrlLifetime(settings.urlLifetime()), Clock.systemUTC()), new ObjectKeys(settings.keyPrefix()));
    }

    /** As {@link PresignPartHandler#handle}. */
    @Override
    Object handle(SdkPresignParts presignParts, ApiRequest request) {
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
}
