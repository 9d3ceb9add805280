package dev.uploadgate.client.bucket;

import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;

/**
 * Fetches a bucket's settings: the only class of the check that calls S3. S3's "no such
 * configuration" answers mean absent; an answer the server does not implement (501) or refuses
 * (403) makes that one item unchecked, with the reason. Only a bucket that cannot be seen at all
 * is an error.
 */
public final class BucketReader implements AutoCloseable {
    /** The error codes S3 (and moto, and S3Proxy for policies) give for a configuration never set. */
    private static final Set<String> ABSENT = Set.of("NoSuchCORSConfiguration", "NoSuchLifecycleConfiguration",
            "NoSuchPublicAccessBlockConfiguration", "OwnershipControlsNotFoundError",
            "ServerSideEncryptionConfigurationNotFoundError", "NoSuchBucketPolicy", "NoSuchPolicy");

    private final S3Client s3;

    public BucketReader(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * A reader with the default credentials chain (environment, profile, SSO, ...); {@code endpoint}
     * (may be null) is an S3-compatible server, reached with path-style URLs.
     */
    public static BucketReader connect(URI endpoint, String region) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(Region.of(region));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        } else {
            // A bucket in another region than --region is still found (S3 redirects the SDK to it).
            builder.crossRegionAccessEnabled(true);
        }
        return new BucketReader(builder.build());
    }

    public BucketSettings read(String bucket) {
        String region = head(bucket);
        return new BucketSettings(bucket, region,
                fetch("GetBucketCors", () -> s3.getBucketCors(b -> b.bucket(bucket)).corsRules()),
                fetch("GetBucketLifecycleConfiguration", () -> {
                    GetBucketLifecycleConfigurationResponse lifecycle = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
                    return new Lifecycle(lifecycle.rules(), lifecycle.transitionDefaultMinimumObjectSizeAsString());
                }),
                fetch("GetPublicAccessBlock", () -> s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration()),
                fetch("GetBucketOwnershipControls", () -> {
                    OwnershipControls controls = s3.getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls();
                    return controls == null ? null : controls.rules();
                }),
                fetch("GetBucketEncryption", () -> {
                    ServerSideEncryptionConfiguration sse = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration();
                    return sse == null ? null : sse.rules();
                }),
                fetch("GetBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)).policy()));
    }

    /** The bucket's region, or null when the server does not say; fails when the bucket cannot be seen. */
    private String head(String bucket) {
        try {
            HeadBucketResponse head = s3.headBucket(b -> b.bucket(bucket));
            return head.bucketRegion();
        } catch (S3Exception e) {
            // A HEAD answer has no body, so the status is all there is.
            String what = switch (e.statusCode()) {
                case 404 -> "no bucket " + bucket + " here: check the name (and --endpoint-url)";
                case 403 -> "access denied to bucket " + bucket + ": these credentials may not read it (s3:ListBucket), "
                        + "or it belongs to another account";
                case 301 -> "bucket " + bucket + " is in another region: pass its region with --region";
                default -> "cannot read bucket " + bucket + ": HTTP " + e.statusCode();
            };
            throw new BucketCheckException(what, e);
        } catch (SdkClientException e) {
            throw new BucketCheckException("cannot reach S3 for bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    private static <T> Fetched<T> fetch(String operation, Supplier<T> call) {
        try {
            T value = call.get();
            return value == null ? Fetched.absent() : Fetched.present(value);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && ABSENT.contains(code)) {
                return Fetched.absent();
            }
            String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            String why = e.statusCode() == 501 ? "the server does not implement " + operation
                    : e.statusCode() == 403 ? "these credentials may not call " + operation
                    : operation + " failed";
            return Fetched.unchecked(why + " (" + e.statusCode() + (code == null ? "" : " " + code)
                    + (message == null ? "" : ": " + message) + ")");
        } catch (SdkException e) {
            return Fetched.unchecked(operation + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
