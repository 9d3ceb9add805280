package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.AwsClients;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.service.PresignParts;
import dev.uploadgate.functions.service.S3Uploads;
import dev.uploadgate.functions.service.SdkUrlSigner;
import dev.uploadgate.functions.service.UrlLifetime;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Bench only (issue 10, signer decision): {@link PresignPartHandler} with the SDK's
 * {@code AwsV4HttpSigner} ({@link SdkUrlSigner}) in place of {@code UrlSigner}, for the cold-start
 * A/B in {@code SignerColdStart}. The real handler's request mapping and the real
 * {@link PresignParts} run on it; it is built through the same base constructor as the real
 * handler (wiring, owners, SnapStart registration), so both pay the same construction.
 */
public final class SdkSignedPresignPartHandler extends HttpApiHandler<PresignParts> {
    /** The A/B signs the part URLs of sized uploads, which need no S3 call. */
    private static final Supplier<S3Uploads> NO_S3 = () -> {
        throw new IllegalStateException("the signer A/B signs sized uploads only");
    };

    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public SdkSignedPresignPartHandler() {
        super(wiring -> sdkSigned(System.getenv()));
    }

    private static PresignParts sdkSigned(Map<String, String> environment) {
        UploadSettings settings = UploadSettings.fromEnvironment(environment);
        SdkUrlSigner signer = new SdkUrlSigner(AwsClients.credentials(environment), settings.bucket(), settings.region(),
                settings.s3Endpoint(), new UrlLifetime(settings.urlLifetime()), Clock.systemUTC());
        return new PresignParts(signer, new ObjectKeys(settings.keyPrefix()), NO_S3, settings.maxObjectSize());
    }

    /** The real handler's mapping of the request onto the service. */
    @Override
    Object handle(PresignParts presignParts, ApiRequest request) {
        return new PresignPartHandler(presignParts).handle(presignParts, request);
    }
}
