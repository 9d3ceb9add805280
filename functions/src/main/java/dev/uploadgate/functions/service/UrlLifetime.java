package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How long the next presigned URL may live: the configured lifetime, but never longer than the
 * credentials that sign it (a URL signed with session credentials stops working when they
 * expire, whatever its X-Amz-Expires says, and a client would only learn that mid-upload).
 */
public final class UrlLifetime {
    private final Duration configured;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public UrlLifetime(Duration configured, AwsCredentialsProvider credentials, Clock clock) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The lifetime to sign with now, in whole seconds. */
    public Duration current() {
        Optional<Instant> expiry;
        try {
            expiry = credentials.resolveCredentials().expirationTime();
        } catch (SdkException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the function's signing credentials are unavailable; retry", e);
        }
        if (expiry.isEmpty()) {
            return configured;
        }
        long left = Duration.between(clock.instant(), expiry.get()).toSeconds();
        if (left < 1) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the function's signing credentials have expired; retry");
        }
        return configured.toSeconds() <= left ? configured : Duration.ofSeconds(left);
    }
}
