package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * Bench only (issue 10, signer decision): the UploadPart URLs of {@link UrlSigner}, signed by the
 * SDK's {@link AwsV4HttpSigner} (query-string signing, an expiration, unsigned payload) instead of
 * our SigV4 code. Everything around the signature is the production code's: the same
 * {@link S3Location} (host, path style), the same {@link UrlLifetime} and credentials provider,
 * and one credentials resolution and one clock reading per call or batch, as
 * {@link SigV4Sessions#open()} does. S3 signs paths as they are: no double encoding, no
 * normalisation (what the SDK's own S3 presigner sets).
 */
public final class SdkUrlSigner implements PartSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final S3Location location;
    private final URI origin;
    private final UrlLifetime lifetimes;
    private final Clock clock;

    public SdkUrlSigner(AwsCredentialsProvider credentials, String bucket, String region, Optional<URI> endpoint,
                        UrlLifetime lifetimes, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.location = S3Location.of(Objects.requireNonNull(bucket, "bucket"), region, endpoint);
        this.origin = URI.create(location.origin());
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One UploadPart URL; the given headers (lower-case names, without host) are signed. */
    @Override
    public SignedRequest uploadPart(String key, String uploadId, int partNumber, Map<String, String> headers) {
        AwsCredentials identity = resolve();
        Instant now = clock.instant();
        return sign(identity, Clock.fixed(now, ZoneOffset.UTC), lifetimes.of(identity, now), location.objectPath(key),
                uploadId, partNumber, headers);
    }

    /** UploadPart URLs for the part numbers, in their order, with one credentials resolution and signing time. */
    @Override
    public List<SignedRequest> uploadParts(String key, String uploadId, List<Integer> partNumbers, List<Map<String, String>> headers) {
        if (headers.size() != partNumbers.size()) {
            throw new IllegalArgumentException("one header map per part: " + headers.size() + " for " + partNumbers.size());
        }
        AwsCredentials identity = resolve();
        Instant now = clock.instant();
        Clock signingTime = Clock.fixed(now, ZoneOffset.UTC);
        Duration lifetime = lifetimes.of(identity, now);
        String path = location.objectPath(key);
        List<SignedRequest> signed = new ArrayList<>(partNumbers.size());
        for (int i = 0; i < partNumbers.size(); i++) {
            signed.add(sign(identity, signingTime, lifetime, path, uploadId, partNumbers.get(i), headers.get(i)));
        }
        return signed;
    }

    private SignedRequest sign(AwsCredentials identity, Clock signingTime, Duration lifetime, String path, String uploadId,
                               int partNumber, Map<String, String> headers) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .uri(origin)
                .encodedPath(path)
                .appendRawQueryParameter("partNumber", Integer.toString(partNumber))
                .appendRawQueryParameter("uploadId", uploadId);
        headers.forEach(request::putHeader);
        SdkHttpRequest signed = SIGNER.sign(r -> r
                .identity(identity)
                .request(request.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, lifetime)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingTime)).request();
        return new SignedRequest(signed.getUri().toString(), headers, lifetime.toSeconds());
    }

    private AwsCredentials resolve() {
        try {
            return credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the function's signing credentials are unavailable; retry", e);
        }
    }
}
