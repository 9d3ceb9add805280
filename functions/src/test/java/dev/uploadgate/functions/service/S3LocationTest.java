package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.config.UploadSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** Where objects live, pinned for each kind of region and bucket, and the partition table against the SDK's. */
class S3LocationTest {
    @Test
    void of_usEast1_isTheGlobalVirtualHost() {
        S3Location location = S3Location.of("uploads", "us-east-1", Optional.empty());

        assertThat(location.origin()).isEqualTo("https://uploads.s3.amazonaws.com");
        assertThat(location.objectPath("a b/c")).isEqualTo("/a%20b/c");
        assertThat(location.formUrl()).isEqualTo("https://uploads.s3.amazonaws.com/");
    }

    @Test
    void of_otherRegion_isTheRegionalVirtualHost() {
        assertThat(S3Location.of("uploads", "eu-west-1", Optional.empty()).host()).isEqualTo("uploads.s3.eu-west-1.amazonaws.com");
    }

    @Test
    void of_dottedBucket_isPathStyleOnTheRegionalHost() {
        S3Location location = S3Location.of("my.bucket", "eu-central-1", Optional.empty());

        assertThat(location.host()).isEqualTo("s3.eu-central-1.amazonaws.com");
        assertThat(location.objectPath("k")).isEqualTo("/my.bucket/k");
        assertThat(location.formUrl()).isEqualTo("https://s3.eu-central-1.amazonaws.com/my.bucket/");
    }

    @Test
    void of_chinaAndGovCloudRegions_useTheirPartitionsSuffix() {
        assertThat(S3Location.of("uploads", "cn-north-1", Optional.empty()).host()).isEqualTo("uploads.s3.cn-north-1.amazonaws.com.cn");
        assertThat(S3Location.of("uploads", "us-gov-west-1", Optional.empty()).host()).isEqualTo("uploads.s3.us-gov-west-1.amazonaws.com");
    }

    @Test
    void of_endpointOverride_isPathStyleUnderIt() {
        S3Location location = S3Location.of("uploads", "us-east-1", Optional.of(URI.create("http://127.0.0.1:3001")));

        assertThat(location.origin()).isEqualTo("http://127.0.0.1:3001");
        assertThat(location.host()).isEqualTo("127.0.0.1:3001");
        assertThat(location.formUrl()).isEqualTo("http://127.0.0.1:3001/uploads/");
    }

    @Test
    void of_accelerate_isTheAccelerateHostForEveryUrlKind() {
        S3Location location = S3Location.of("uploads", "eu-west-1", Optional.empty(), true, false);

        assertThat(location.host()).isEqualTo("uploads.s3-accelerate.amazonaws.com");
        assertThat(location.formUrl()).isEqualTo("https://uploads.s3-accelerate.amazonaws.com/");
        assertThat(S3Location.of("uploads", "eu-west-1", Optional.empty(), true, true).host())
                .isEqualTo("uploads.s3-accelerate.dualstack.amazonaws.com");
    }

    @Test
    void of_dualStack_isTheRegionsDualStackHostEvenInUsEast1() {
        assertThat(S3Location.of("uploads", "us-east-1", Optional.empty(), false, true).formUrl())
                .isEqualTo("https://uploads.s3.dualstack.us-east-1.amazonaws.com/");
        assertThat(S3Location.of("my.bucket", "eu-west-1", Optional.empty(), false, true).formUrl())
                .isEqualTo("https://s3.dualstack.eu-west-1.amazonaws.com/my.bucket/");
    }

    @Test
    void of_endpointOverride_ignoresAccelerateAndDualStack() {
        assertThat(S3Location.of("uploads", "us-east-1", Optional.of(URI.create("http://127.0.0.1:3001")), true, true).formUrl())
                .isEqualTo("http://127.0.0.1:3001/uploads/");
    }

    @Test
    void of_settingsWithABucketRegion_signsAndAddressesThatRegion() {
        UploadSettings settings = UploadSettings.fromEnvironment(Map.of("BUCKET_NAME", "data", "AWS_REGION", "us-east-1",
                "BUCKET_REGION", "eu-west-1"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(S3Location.of(settings).host()).isEqualTo("data.s3.eu-west-1.amazonaws.com");
    }

    @Test
    void dnsSuffix_everyRegionTheSdkKnows_isItsPartitionsSuffix() {
        for (Region region : Region.regions()) {
            RegionMetadata metadata = region.metadata();
            // The "<partition>-global" names are the SDK's pseudo-regions for global services, not S3's.
            if (metadata != null && !region.id().endsWith("-global")) {
                assertThat(S3Location.dnsSuffix(region.id())).as(region.id()).isEqualTo(metadata.partition().dnsSuffix());
            }
        }
    }
}
