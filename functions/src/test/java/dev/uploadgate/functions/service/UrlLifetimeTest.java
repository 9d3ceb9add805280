package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class UrlLifetimeTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void of_credentialsWithoutExpiry_isTheConfiguredLifetime() {
        UrlLifetime lifetime = new UrlLifetime(Duration.ofMinutes(15));

        assertThat(lifetime.of(AwsBasicCredentials.create("a", "b"), NOW)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void of_credentialsExpiringFirst_isCutToThem() {
        assertThat(new UrlLifetime(Duration.ofMinutes(15)).of(expiringIn(Duration.ofSeconds(120)), NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(new UrlLifetime(Duration.ofSeconds(60)).of(expiringIn(Duration.ofSeconds(120)), NOW)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void of_expiredCredentials_isServiceUnavailable() {
        assertThatThrownBy(() -> new UrlLifetime(Duration.ofMinutes(15)).of(expiringIn(Duration.ofSeconds(-5)), NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    static AwsCredentials expiringIn(Duration left) {
        return AwsSessionCredentials.builder().accessKeyId("a").secretAccessKey("b").sessionToken("t").expirationTime(NOW.plus(left)).build();
    }
}
