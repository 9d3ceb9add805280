package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * How long a presigned URL may live: the configured lifetime, but never longer than the
 * credentials that sign it (a URL signed with session credentials stops working when they
 * expire, whatever its X-Amz-Expires says, and a client would only learn that mid-upload).
 */
public final class UrlLifetime {
    private final Duration configured;

    public UrlLifetime(Duration configured) {
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    /** The lifetime, in whole seconds, of what the given credentials sign at the given time. */
    public Duration of(AwsCredentials identity, Instant now) {
        Optional<Instant> expiry = identity.expirationTime();
        if (expiry.isEmpty()) {
            return configured;
        }
        long left = Duration.between(now, expiry.get()).toSeconds();
        if (left < 1) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "the function's signing credentials have expired; retry");
        }
        return configured.toSeconds() <= left ? configured : Duration.ofSeconds(left);
    }
}
