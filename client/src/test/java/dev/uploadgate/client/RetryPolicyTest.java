package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.builder().baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1)).build();

    @Test
    void backoffCeiling_doublesUntilTheMaximum() {
        assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffCeiling(99)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delayBeforeRetry_isFullJitterBelowTheCeiling() {
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delayBeforeRetry(3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        }
    }

    @Test
    void isRetryableStatus_only5xxAnd429() {
        assertThat(policy.isRetryableStatus(500)).isTrue();
        assertThat(policy.isRetryableStatus(503)).isTrue();
        assertThat(policy.isRetryableStatus(429)).isTrue();
        assertThat(policy.isRetryableStatus(400)).isFalse();
        assertThat(policy.isRetryableStatus(403)).isFalse();
        assertThat(policy.isRetryableStatus(404)).isFalse();
    }

    @Test
    void builder_badValues_areRefusedWithTheirName() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofMillis(-1))).hasMessageContaining("baseDelay");
        assertThatThrownBy(() -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxDelay");
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
