package dev.uploadgate.functions.config;

import dev.uploadgate.functions.rules.ContentTypePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a function is configured with, read once per execution environment from the
 * variables the template sets in its Globals. A bad value fails the cold start with a message that
 * names the variable, instead of failing every request later.
 *
 * @param bucket          the bucket every key lives in
 * @param keyPrefix       the prefix every key starts with, ending in {@code /}
 * @param urlLifetime     how long a presigned URL stays valid
 * @param maxObjectSize   the largest object, in bytes, an upload may produce
 * @param contentTypes    which content types may be uploaded
 * @param region          the AWS region of the bucket (BUCKET_REGION, else the function's own)
 * @param s3Endpoint      an S3-compatible endpoint used instead of AWS (local mode and tests), path-style
 * @param requireUploadSize whether a multipart create must declare its size (RequireUploadSize)
 * @param kmsKeyArn       the KMS key new objects are encrypted with (SSE-KMS); empty for SSE-S3
 * @param accelerate      whether URLs go to S3 Transfer Acceleration's host
 * @param dualStack       whether URLs go to S3's dual-stack (IPv4 and IPv6) hosts
 * @param ownerPerRoleSession whether each session of an assumed role owns its own keys
 * @param maxOpenUploadsPerOwner how many multipart uploads one owner may have open at once
 */
public record UploadSettings(
        String bucket,
        String keyPrefix,
        Duration urlLifetime,
        long maxObjectSize,
        ContentTypePolicy contentTypes,
        String region,
        Optional<URI> s3Endpoint,
        boolean requireUploadSize,
        Optional<String> kmsKeyArn,
        boolean accelerate,
        boolean dualStack,
        boolean ownerPerRoleSession,
        int maxOpenUploadsPerOwner) {

    /** S3's own ceiling for one object. */
    public static final long S3_MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;
    /** SigV4 presigned URLs cannot live longer than seven days. */
    static final Duration MAX_URL_LIFETIME = Duration.ofDays(7);
    /** Counting an owner's open uploads lists at most this many (ten pages of ListMultipartUploads). */
    static final int MAX_OPEN_UPLOADS_CEILING = 10_000;
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}");
    /** A key ARN (not an alias: S3 stores the key id it is given, and signed headers must match it). */
    private static final Pattern KMS_KEY = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,128}");

    public UploadSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(urlLifetime, "urlLifetime");
        Objects.requireNonNull(contentTypes, "contentTypes");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("BUCKET_REGION (or AWS_REGION) is not a region name such as eu-west-1: " + region);
        }
        if (accelerate && s3Endpoint.isEmpty() && bucket.contains(".")) {
            throw new IllegalArgumentException("USE_ACCELERATE_ENDPOINT needs a bucket name without dots (S3 Transfer Acceleration"
                    + " does not serve them): " + bucket);
        }
        if (accelerate && s3Endpoint.isEmpty() && (region.startsWith("cn-") || region.startsWith("us-gov-") || region.startsWith("us-iso")
                || region.startsWith("eu-isoe-") || region.startsWith("eusc-"))) {
            throw new IllegalArgumentException("USE_ACCELERATE_ENDPOINT: S3 Transfer Acceleration is not offered in region " + region);
        }
        if (maxOpenUploadsPerOwner < 1 || maxOpenUploadsPerOwner > MAX_OPEN_UPLOADS_CEILING) {
            throw new IllegalArgumentException("MAX_OPEN_UPLOADS_PER_OWNER must be between 1 and " + MAX_OPEN_UPLOADS_CEILING
                    + ": " + maxOpenUploadsPerOwner);
        }
        if (kmsKeyArn.isPresent() && !KMS_KEY.matcher(kmsKeyArn.get()).matches()) {
            throw new IllegalArgumentException("KMS_KEY_ARN must be a KMS key ARN (arn:aws:kms:...:key/...): " + kmsKeyArn.get());
        }
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("BUCKET_NAME must not be empty");
        }
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("KEY_PREFIX must be empty or end with '/': " + keyPrefix);
        }
        if (keyPrefix.startsWith("/") || keyPrefix.contains("..") || keyPrefix.length() > 256) {
            throw new IllegalArgumentException("KEY_PREFIX is not a safe prefix: " + keyPrefix);
        }
        if (urlLifetime.compareTo(Duration.ofSeconds(1)) < 0 || urlLifetime.compareTo(MAX_URL_LIFETIME) > 0) {
            throw new IllegalArgumentException("URL_EXPIRES_SECONDS must be between 1 and 604800: " + urlLifetime.toSeconds());
        }
        if (maxObjectSize < 0 || maxObjectSize > S3_MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("MAX_OBJECT_SIZE_BYTES must be between 0 and " + S3_MAX_OBJECT_SIZE + ": " + maxObjectSize);
        }
    }

    /** Reads the settings from an environment such as {@code System.getenv()}. */
    public static UploadSettings fromEnvironment(Map<String, String> env) {
        return new UploadSettings(
                required(env, "BUCKET_NAME"),
                env.getOrDefault("KEY_PREFIX", "uploads/"),
                Duration.ofSeconds(longValue(env, "URL_EXPIRES_SECONDS", 900)),
                longValue(env, "MAX_OBJECT_SIZE_BYTES", S3_MAX_OBJECT_SIZE),
                ContentTypePolicy.parse(env.getOrDefault("ALLOWED_CONTENT_TYPES", "*/*")),
                Optional.ofNullable(env.get("BUCKET_REGION")).map(String::trim).filter(r -> !r.isEmpty())
                        .or(() -> Optional.ofNullable(env.get("AWS_REGION")).map(String::trim).filter(r -> !r.isEmpty()))
                        .orElse("us-east-1"),
                Optional.ofNullable(env.get("S3_ENDPOINT_URL")).filter(e -> !e.isBlank()).map(UploadSettings::endpoint),
                booleanValue(env, "REQUIRE_UPLOAD_SIZE"),
                Optional.ofNullable(env.get("KMS_KEY_ARN")).map(String::trim).filter(k -> !k.isEmpty()),
                booleanValue(env, "USE_ACCELERATE_ENDPOINT"),
                booleanValue(env, "USE_DUALSTACK_ENDPOINT"),
                booleanValue(env, "OWNER_PER_ROLE_SESSION"),
                (int) Math.min(Integer.MAX_VALUE, longValue(env, "MAX_OPEN_UPLOADS_PER_OWNER", 100)));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value.trim();
    }

    private static long longValue(Map<String, String> env, String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + value, e);
        }
    }

    private static boolean booleanValue(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false") && !value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be true or false: " + value);
        }
        return value.equalsIgnoreCase("true");
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("S3_ENDPOINT_URL must be an absolute http(s) URL: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("S3_ENDPOINT_URL is not a URL: " + value, e);
        }
    }
}
