package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.AwsClients;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owners;
import dev.uploadgate.functions.service.AbortUpload;
import dev.uploadgate.functions.service.CompleteUpload;
import dev.uploadgate.functions.service.CreateUpload;
import dev.uploadgate.functions.service.ListUploadParts;
import dev.uploadgate.functions.service.NewObjects;
import dev.uploadgate.functions.service.PostPolicySigner;
import dev.uploadgate.functions.service.PresignObject;
import dev.uploadgate.functions.service.PresignParts;
import dev.uploadgate.functions.service.S3Location;
import dev.uploadgate.functions.service.S3Uploads;
import dev.uploadgate.functions.service.SigV4Sessions;
import dev.uploadgate.functions.service.SigningKeys;
import dev.uploadgate.functions.service.UrlLifetime;
import dev.uploadgate.functions.service.UrlSigner;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds each operation from an environment, with only what that operation needs: the presign
 * operations get our signer and the credentials provider, never an S3 client or the SDK's
 * presigner; the others one S3 client.
 */
final class Wiring {
    /**
     * Fixed and fake: priming's S3 calls never leave the process, and resolving the function's own
     * credentials for them would call Lambda's credentials endpoint and keep the answer in the snapshot.
     */
    private static final AwsCredentialsProvider PRIMING_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING-FAKE-ACCESS-KEY", "priming-secret-never-sent"));

    /** The id of every key priming draws: fixed, so no random state is drawn before a snapshot. */
    private static final UUID PRIMING_ID = UUID.fromString("00000000-0000-4000-8000-000000000000");

    private final UploadSettings settings;
    private final AwsCredentialsProvider credentials;
    private final ObjectKeys keys;
    private final Supplier<S3Client> s3Clients;

    private Wiring(UploadSettings settings, AwsCredentialsProvider credentials, ObjectKeys keys, Supplier<S3Client> s3Clients) {
        this.settings = settings;
        this.credentials = credentials;
        this.keys = keys;
        this.s3Clients = s3Clients;
    }

    static Wiring of(Map<String, String> environment) {
        return of(environment, AwsClients.credentials(environment));
    }

    /** With the given credentials instead of those the environment names (tests). */
    static Wiring of(Map<String, String> environment, AwsCredentialsProvider credentials) {
        UploadSettings settings = UploadSettings.fromEnvironment(environment);
        return new Wiring(settings, credentials, new ObjectKeys(settings.keyPrefix()),
                () -> AwsClients.s3Client(settings, credentials));
    }

    /**
     * An S3 client configured as this wiring's (same code path: region, endpoint, checksums,
     * timeouts) on the given HTTP client, with fixed fake credentials. The caller closes both.
     */
    S3Client primingS3Client(SdkHttpClient httpClient) {
        return AwsClients.s3Client(settings, PRIMING_CREDENTIALS, httpClient);
    }

    /**
     * The same operations on the given S3 client, with the fixed fake credentials and keys under
     * a fixed id instead of a random one (no random state drawn before a snapshot): what priming's
     * twin handlers are built from.
     */
    Wiring forPriming(S3Client s3) {
        return new Wiring(settings, PRIMING_CREDENTIALS, new ObjectKeys(settings.keyPrefix(), () -> PRIMING_ID), () -> s3);
    }

    /** How callers map to owners in this deployment. */
    Owners owners() {
        return new Owners(settings.ownerPerRoleSession());
    }

    /** The prefix every key starts with, which priming's requests put in their keys. */
    String keyPrefix() {
        return settings.keyPrefix();
    }

    CreateUpload createUpload() {
        return new CreateUpload(uploads(), newObjects(), settings.maxOpenUploadsPerOwner());
    }

    /** S3 is reached (and its client built) only to meter an upload of undeclared size. */
    PresignParts presignParts() {
        return new PresignParts(urlSigner(sigV4Sessions()), keys, lazyUploads(), settings.maxObjectSize());
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
        PostPolicySigner postSigner = new PostPolicySigner(sessions, settings.bucket(), S3Location.of(settings));
        return new PresignObject(urlSigner(sessions), postSigner, newObjects(), keys, lazyUploads(), settings.maxObjectSize(),
                settings.kmsKeyArn());
    }

    private S3Uploads uploads() {
        return new S3Uploads(s3Clients.get(), settings.bucket(), settings.kmsKeyArn());
    }

    /**
     * S3 for an operation that rarely needs it: the client is built on first use, so the cold
     * start of a request that signs without asking S3 does not pay for it.
     */
    private Supplier<S3Uploads> lazyUploads() {
        return new Supplier<>() {
            private S3Uploads uploads;

            @Override
            public synchronized S3Uploads get() {
                if (uploads == null) {
                    uploads = uploads();
                }
                return uploads;
            }
        };
    }

    /** Our own SigV4 presigning: no SDK presigner, no endpoint rules, no S3 client. */
    private UrlSigner urlSigner(SigV4Sessions sessions) {
        return new UrlSigner(sessions, S3Location.of(settings));
    }

    private SigV4Sessions sigV4Sessions() {
        return new SigV4Sessions(credentials, settings.region(), new UrlLifetime(settings.urlLifetime()), Clock.systemUTC(), new SigningKeys());
    }

    private NewObjects newObjects() {
        return new NewObjects(keys, settings);
    }
}
