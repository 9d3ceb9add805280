package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Opens a {@link SigV4Session}: resolves the function's credentials once (the SDK provider caches
 * and refreshes them; under SnapStart it is the container-credentials provider), reads the clock
 * once, and takes the signing key from {@link SigningKeys}. Nothing here is kept between calls but
 * that key cache, which checks the credentials and the date on every use.
 */
public final class SigV4Sessions {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String SERVICE = "s3";

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final UrlLifetime lifetimes;
    private final Clock clock;
    private final SigningKeys keys;

    public SigV4Sessions(AwsCredentialsProvider credentials, String region, UrlLifetime lifetimes, Clock clock, SigningKeys keys) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** A session for what is signed now; fails with a 503 when the credentials cannot be had. */
    public SigV4Session open() {
        AwsCredentials identity = resolve();
        Instant now = clock.instant();
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        Optional<String> token = identity instanceof AwsSessionCredentials session ? Optional.of(session.sessionToken()) : Optional.empty();
        return new SigV4Session(identity.accessKeyId(), token, now, amzDate, date + "/" + region + "/" + SERVICE + "/aws4_request",
                lifetimes.of(identity, now), keys.key(identity.accessKeyId(), identity.secretAccessKey(), date, region));
    }

    private AwsCredentials resolve() {
        try {
            return credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the function's signing credentials are unavailable; retry", e);
        }
    }
}
