package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class UrlLifetimeTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void current_credentialsWithoutExpiry_isTheConfiguredLifetime() {
        UrlLifetime lifetime = new UrlLifetime(Duration.ofMinutes(15), StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), CLOCK);

        assertThat(lifetime.current()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void current_credentialsExpiringFirst_isCutToThem() {
        assertThat(new UrlLifetime(Duration.ofMinutes(15), expiringIn(Duration.ofSeconds(120)), CLOCK).current()).isEqualTo(Duration.ofSeconds(120));
        assertThat(new UrlLifetime(Duration.ofSeconds(60), expiringIn(Duration.ofSeconds(120)), CLOCK).current()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void current_expiredCredentials_isServiceUnavailable() {
        assertThatThrownBy(() -> new UrlLifetime(Duration.ofMinutes(15), expiringIn(Duration.ofSeconds(-5)), CLOCK).current())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void uploadPart_credentialsExpiringFirst_signsAndReportsTheShorterLifetime() {
        AwsCredentialsProvider credentials = expiringIn(Duration.ofSeconds(120));
        S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        UrlSigner signer = new UrlSigner(presigner, "b", new UrlLifetime(Duration.ofMinutes(15), credentials, CLOCK));

        SignedRequest signed = signer.uploadPart("k", "u", 1, OptionalLong.empty(), Optional.empty());

        assertThat(signed.expires()).isEqualTo(120);
        assertThat(signed.url()).contains("X-Amz-Expires=120").contains("X-Amz-Security-Token=");
    }

    private static AwsCredentialsProvider expiringIn(Duration left) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId("a").secretAccessKey("b").sessionToken("t").expirationTime(NOW.plus(left)).build());
    }
}
