package dev.uploadgate.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a failed request is tried again: connection errors, timeouts, 5xx and 429
 * answers are retried with exponential backoff and full jitter (a random wait between zero and
 * {@code min(maxDelay, baseDelay * 2^(retry - 1))}), so many clients that failed together do not
 * come back together. Other 4xx answers are never retried: they would fail again.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(10).baseDelay(Duration.ofMillis(500)).build();
 * }</pre>
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
    }

    /** Six attempts in all, waits growing from 250 ms up to at most 20 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /** Whether an HTTP status is worth another attempt of the same request. */
    public boolean isRetryableStatus(int status) {
        return status >= 500 || status == 429;
    }

    /** The ceiling of the wait before retry number {@code retry} (1 for the first retry). */
    public Duration backoffCeiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be at least 1, not " + retry);
        }
        long max = maxDelay.toNanos();
        long ceiling = Math.min(max, baseDelay.toNanos());
        for (int i = 1; i < retry && ceiling < max; i++) {
            ceiling = ceiling > max / 2 ? max : Math.max(1, ceiling * 2);
        }
        return Duration.ofNanos(Math.min(max, ceiling));
    }

    /** A wait drawn uniformly from zero to {@link #backoffCeiling(int)} ("full jitter"). */
    public Duration delayBeforeRetry(int retry) {
        long ceiling = backoffCeiling(retry).toNanos();
        return Duration.ofNanos(ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay + "]";
    }

    /** Builds a {@link RetryPolicy}; every value is checked when set. */
    public static final class Builder {
        private int maxAttempts = 6;
        private Duration baseDelay = Duration.ofMillis(250);
        private Duration maxDelay = Duration.ofSeconds(20);

        private Builder() {
        }

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be from 1 to 100, not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = nonNegative("baseDelay", baseDelay);
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = nonNegative("maxDelay", maxDelay);
            return this;
        }

        public RetryPolicy build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is below baseDelay " + baseDelay);
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, not " + value);
            }
            return value;
        }
    }
}
