package dev.uploadgate.functions.service;

import dev.uploadgate.functions.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Signs a browser POST upload form with a SigV4 POST policy (the SDK has no signer for this). The
 * policy pins the bucket, the exact key, the content type, every metadata field and the allowed
 * size range, so the form cannot be reused for another object or a larger file.
 */
public final class PostPolicySigner {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final AwsCredentialsProvider credentials;
    private final String bucket;
    private final String region;
    private final String formUrl;
    private final UrlLifetime lifetimes;
    private final Clock clock;

    public PostPolicySigner(AwsCredentialsProvider credentials, String bucket, String region, Optional<URI> endpoint,
                            UrlLifetime lifetimes, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.region = Objects.requireNonNull(region, "region");
        this.formUrl = endpoint.map(e -> stripSlash(e.toString()) + "/" + bucket).orElseGet(() -> awsBucketUrl(bucket, region));
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A form for one object.
     *
     * @param maxSize the largest file the form accepts, in bytes
     */
    public PostForm sign(String key, String contentType, long maxSize, Map<String, String> metadata) {
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkException e) {
            throw S3Errors.translate(e, "Presign", key);
        }
        Duration lifetime = lifetimes.current();
        Instant now = clock.instant();
        String scope = SCOPE_DATE.format(now) + "/" + region + "/s3/aws4_request";

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        metadata.forEach((name, value) -> fields.put("x-amz-meta-" + name, value));
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", identity.accessKeyId() + "/" + scope);
        fields.put("x-amz-date", AMZ_DATE.format(now));
        if (identity instanceof AwsSessionCredentials session) {
            fields.put("x-amz-security-token", session.sessionToken());
        }

        List<Object> conditions = new ArrayList<>();
        conditions.add(Map.of("bucket", bucket));
        fields.forEach((name, value) -> conditions.add(Map.of(name, value)));
        conditions.add(List.of("content-length-range", 0, maxSize));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", EXPIRATION.format(now.plus(lifetime)));
        policy.put("conditions", conditions);

        String encodedPolicy = Base64.getEncoder().encodeToString(Json.write(policy).getBytes(StandardCharsets.UTF_8));
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(
                SigV4Keys.hmac(SigV4Keys.signingKey(identity.secretAccessKey(), SCOPE_DATE.format(now), region, "s3"), encodedPolicy)));
        return new PostForm(formUrl, fields, lifetime.toSeconds());
    }

    /** Virtual-hosted style, except for dotted names that would break the TLS wildcard certificate. */
    private static String awsBucketUrl(String bucket, String region) {
        RegionMetadata metadata = Region.of(region).metadata();
        String suffix = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
        return bucket.contains(".")
                ? "https://s3." + region + "." + suffix + "/" + bucket
                : "https://" + bucket + ".s3." + region + "." + suffix + "/";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
