package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.AwsClients;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.service.AbortUpload;
import dev.uploadgate.functions.service.CompleteUpload;
import dev.uploadgate.functions.service.CreateUpload;
import dev.uploadgate.functions.service.ListUploadParts;
import dev.uploadgate.functions.service.NewObjects;
import dev.uploadgate.functions.service.PostPolicySigner;
import dev.uploadgate.functions.service.PresignObject;
import dev.uploadgate.functions.service.PresignParts;
import dev.uploadgate.functions.service.S3Uploads;
import dev.uploadgate.functions.service.SigV4Sessions;
import dev.uploadgate.functions.service.SigningKeys;
import dev.uploadgate.functions.service.UrlLifetime;
import dev.uploadgate.functions.service.UrlSigner;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Builds each operation from an environment, with only what that operation needs: the presign
 * operations get our signer and the credentials provider, never an S3 client or the SDK's
 * presigner; the others one S3 client.
 */
final class Wiring {
    private final UploadSettings settings;
    private final AwsCredentialsProvider credentials;
    private final ObjectKeys keys;

    private Wiring(Map<String, String> environment) {
        this.settings = UploadSettings.fromEnvironment(environment);
        this.credentials = AwsClients.credentials(environment);
        this.keys = new ObjectKeys(settings.keyPrefix());
    }

    static Wiring of(Map<String, String> environment) {
        return new Wiring(environment);
    }

    CreateUpload createUpload() {
        return new CreateUpload(uploads(), newObjects());
    }

    PresignParts presignParts() {
        return new PresignParts(urlSigner(sigV4Sessions()), keys);
    }

    CompleteUpload completeUpload() {
        return new CompleteUpload(uploads(), keys, settings.maxObjectSize());
    }

    ListUploadParts listUploadParts() {
        return new ListUploadParts(uploads(), keys);
    }

    AbortUpload abortUpload() {
        return new AbortUpload(uploads(), keys);
    }

    PresignObject presignObject() {
        SigV4Sessions sessions = sigV4Sessions();
        PostPolicySigner postSigner = new PostPolicySigner(sessions, settings.bucket(), settings.region(), settings.s3Endpoint());
        return new PresignObject(urlSigner(sessions), postSigner, newObjects(), keys, settings.maxObjectSize());
    }

    private S3Uploads uploads() {
        return new S3Uploads(AwsClients.s3Client(settings, credentials), settings.bucket());
    }

    /** Our own SigV4 presigning: no SDK presigner, no endpoint rules, no S3 client. */
    private UrlSigner urlSigner(SigV4Sessions sessions) {
        return new UrlSigner(sessions, settings.bucket(), settings.region(), settings.s3Endpoint());
    }

    private SigV4Sessions sigV4Sessions() {
        return new SigV4Sessions(credentials, settings.region(), new UrlLifetime(settings.urlLifetime()), Clock.systemUTC(), new SigningKeys());
    }

    private NewObjects newObjects() {
        return new NewObjects(keys, settings);
    }
}
