package dev.uploadgate.functions.config;

import dev.uploadgate.functions.service.S3Uploads;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the SDK objects a function needs, once per execution environment, with everything
 * explicit: region, credentials, HTTP client and timeouts. Nothing is discovered at run time that
 * could be slow on a cold start.
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** Quick calls (create, list, head, abort): the whole call with retries, and one try. */
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);
    /**
     * How long a response may pause: as long as the slowest call, CompleteMultipartUpload, which
     * can take tens of seconds to assemble a large object. Quick calls are cut by their own
     * attempt timeout long before.
     */
    private static final Duration SOCKET_TIMEOUT = S3Uploads.ASSEMBLY_TIMEOUT;

    private AwsClients() {
    }

    /**
     * Credentials from the given environment when it holds keys (the Lambda runtime sets them, and
     * local mode passes its S3 server's), else the SDK's default chain (container credentials, as
     * with SnapStart).
     */
    public static AwsCredentialsProvider credentials(Map<String, String> env) {
        String accessKey = env.get("AWS_ACCESS_KEY_ID");
        String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String sessionToken = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(sessionToken == null || sessionToken.isBlank()
                ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    public static S3Client s3Client(UploadSettings settings, AwsCredentialsProvider credentials) {
        return configured(settings, credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .build();
    }

    /**
     * The same client on another HTTP client. SnapStart priming runs the functions' S3 calls on
     * one that answers in memory, so the snapshot holds the SDK's request path as the real client
     * runs it (endpoint rules, marshalling, signing, unmarshalling) with no network. The caller
     * closes {@code httpClient}: the SDK leaves a client it was given open.
     */
    public static S3Client s3Client(UploadSettings settings, AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        return configured(settings, credentials).httpClient(httpClient).build();
    }

    /** Everything but the HTTP client, so the real client and priming's cannot drift apart. */
    private static S3ClientBuilder configured(UploadSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .build())
                // The functions move no object bytes; checksums only add headers that some
                // S3-compatible servers reject.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.s3Endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder;
    }
}
