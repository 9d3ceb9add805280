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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Bench only (issue 10, signer decision): {@link PresignPartHandler} with the SDK's
 * {@code AwsV4HttpSigner} ({@link SdkUrlSigner}, {@link SdkPresignParts}) in place of
 * {@code UrlSigner}, for the cold-start A/B in {@code SignerColdStart}. The same settings, request
 * parsing, checks, answer records and JSON path; its constructor also builds a priming twin's
 * signer with fake credentials and registers for the checkpoint, as the real handler's does, so
 * both pay the same construction.
 */
public final class SdkSignedPresignPartHandler extends HttpApiHandler {
    private final SdkPresignParts presignParts;
    /** Built as the real handler builds its twin; priming itself is not part of this A/B. */
    private final SdkPresignParts primingTwin;

    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public SdkSignedPresignPartHandler() {
        Map<String, String> environment = System.getenv();
        UploadSettings settings = UploadSettings.fromEnvironment(environment);
        AwsCredentialsProvider fake = StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING-FAKE-ACCESS-KEY", "priming-secret-never-sent"));
        this.presignParts = new SdkPresignParts(signer(settings, AwsClients.credentials(environment)), new ObjectKeys(settings.keyPrefix()));
        this.primingTwin = new SdkPresignParts(signer(settings, fake), ObjectKeys.forPriming(settings.keyPrefix()));
        registerForCheckpoint();
    }

    private static SdkUrlSigner signer(UploadSettings settings, AwsCredentialsProvider credentials) {
        return new SdkUrlSigner(credentials, settings.bucket(), settings.region(), settings.s3Endpoint(),
                new UrlLifetime(settings.urlLifetime()), Clock.systemUTC());
    }

    /** As {@link PresignPartHandler#handle}. */
    @Override
    Object handle(ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        if (request.optionalPathParameter("partNumber").isEmpty()) {
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
