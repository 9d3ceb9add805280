package dev.uploadgate.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadSettingsTest {

    @Test
    void fromEnvironment_onlyTheBucket_usesTheDefaults() {
        UploadSettings settings = UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b"));

        assertThat(settings.keyPrefix()).isEqualTo("uploads/");
        assertThat(settings.urlLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.maxObjectSize()).isEqualTo(UploadSettings.S3_MAX_OBJECT_SIZE);
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.s3Endpoint()).isEmpty();
    }

    @Test
    void fromEnvironment_everyVariable_isRead() {
        UploadSettings settings = UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "KEY_PREFIX", "in/", "URL_EXPIRES_SECONDS", "60",
                "MAX_OBJECT_SIZE_BYTES", "1000", "AWS_REGION", "eu-west-1", "S3_ENDPOINT_URL", "http://127.0.0.1:9000"));

        assertThat(settings.keyPrefix()).isEqualTo("in/");
        assertThat(settings.urlLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxObjectSize()).isEqualTo(1000);
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void fromEnvironment_missingBucket_namesTheVariable() {
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of())).hasMessageContaining("BUCKET_NAME");
    }

    @Test
    void fromEnvironment_badValues_nameTheVariable() {
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "URL_EXPIRES_SECONDS", "soon")))
                .hasMessageContaining("URL_EXPIRES_SECONDS");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "URL_EXPIRES_SECONDS", "0")))
                .hasMessageContaining("URL_EXPIRES_SECONDS");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "KEY_PREFIX", "uploads")))
                .hasMessageContaining("KEY_PREFIX");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "KEY_PREFIX", "../")))
                .hasMessageContaining("KEY_PREFIX");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "MAX_OBJECT_SIZE_BYTES", "-1")))
                .hasMessageContaining("MAX_OBJECT_SIZE_BYTES");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "S3_ENDPOINT_URL", "localhost")))
                .hasMessageContaining("S3_ENDPOINT_URL");
    }

    @Test
    void fromEnvironment_kmsKeyAndRequiredSizes_areRead() {
        UploadSettings settings = UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "REQUIRE_UPLOAD_SIZE", "true",
                "KMS_KEY_ARN", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"));

        assertThat(settings.requireUploadSize()).isTrue();
        assertThat(settings.kmsKeyArn()).hasValue("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "KMS_KEY_ARN", "")).kmsKeyArn()).isEmpty();
    }

    @Test
    void fromEnvironment_aliasOrNonBooleanFlag_failsNamingTheVariable() {
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "KMS_KEY_ARN", "alias/uploads")))
                .hasMessageContaining("KMS_KEY_ARN");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "REQUIRE_UPLOAD_SIZE", "yes")))
                .hasMessageContaining("REQUIRE_UPLOAD_SIZE");
    }

    @Test
    void fromEnvironment_accelerateWithADottedBucketOrOutsideTheAwsPartition_failsNamingTheVariable() {
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "my.bucket", "USE_ACCELERATE_ENDPOINT", "true")))
                .hasMessageContaining("USE_ACCELERATE_ENDPOINT").hasMessageContaining("without dots");
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "AWS_REGION", "cn-north-1",
                "USE_ACCELERATE_ENDPOINT", "true"))).hasMessageContaining("not offered in region cn-north-1");
        assertThat(UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "USE_ACCELERATE_ENDPOINT", "true",
                "USE_DUALSTACK_ENDPOINT", "true")).accelerate()).isTrue();
    }

    @Test
    void fromEnvironment_bucketRegionNotARegion_failsNamingIt() {
        assertThatThrownBy(() -> UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "b", "BUCKET_REGION", "Europe")))
                .hasMessageContaining("BUCKET_REGION");
    }
}
