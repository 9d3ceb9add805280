package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules together, the report's verdict, and the pieces every rule uses (targets, commands, matching). */
class BucketCheckTest {
    @Test
    void evaluate_templateBucket_isReadyWithEveryItemOk() {
        BucketReport report = BucketCheck.standard().evaluate(Buckets.template(), TARGET);

        assertThat(report.items()).extracting(CheckItem::id)
                .containsExactly("cors", "lifecycle", "tls-only", "public-access-block", "encryption", "ownership");
        assertThat(report.items()).allMatch(item -> item.status() == Status.OK);
        assertThat(report.ready()).isTrue();
    }

    @Test
    void evaluate_bareBucket_listsEveryRequiredItemMissingAndOwnershipAdvisory() {
        BucketReport report = BucketCheck.standard().evaluate(Buckets.bare(), TARGET);

        assertThat(report.missing()).extracting(CheckItem::id)
                .containsExactly("cors", "lifecycle", "tls-only", "public-access-block", "encryption");
        assertThat(report.items()).filteredOn(item -> item.id().equals("ownership")).extracting(CheckItem::status).containsExactly(Status.ADVISORY);
        assertThat(report.items()).filteredOn(item -> item.status() != Status.OK).allMatch(item -> item.fix() != null);
        assertThat(report.ready()).isFalse();
    }

    @Test
    void evaluate_requiredUncheckedOnly_isNotReadyButNothingMissing() {
        BucketReport report = BucketCheck.standard().evaluate(Buckets.withLifecycle(Fetched.unchecked("501")), TARGET);

        assertThat(report.missing()).isEmpty();
        assertThat(report.uncheckedRequired()).extracting(CheckItem::id).containsExactly("lifecycle");
        assertThat(report.ready()).isFalse();
    }

    @Test
    void evaluate_advisoryOnly_isReady() {
        BucketReport report = BucketCheck.standard().evaluate(Buckets.withOwnership(Fetched.unchecked("501")), TARGET);

        assertThat(report.ready()).isTrue();
    }

    @Test
    void checkTarget_notAnOrigin_isRefusedNamingIt() {
        for (String bad : List.of("https://app.example.com/", "app.example.com", "ftp://x", "https://app.example.com/path")) {
            assertThatThrownBy(() -> new CheckTarget("b", List.of(bad), "uploads/", TARGET.cli()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--origin " + bad);
        }
        assertThat(new CheckTarget("b", List.of("http://127.0.0.1:3000"), "", TARGET.cli()).origins()).hasSize(1);
    }

    @Test
    void s3api_endpointAndRegion_comeFirstAndOddWordsAreQuoted() {
        String command = new AwsCli("http://127.0.0.1:5000", "us-east-1").s3api("put-bucket-policy", "b.x", "--policy", "{\"a\":\"it's\"}");

        assertThat(command).isEqualTo("aws --endpoint-url http://127.0.0.1:5000 --region us-east-1 s3api put-bucket-policy --bucket b.x "
                + "--policy '{\"a\":\"it'\\''s\"}'");
        assertThat(new AwsCli(null, "eu-west-1").inRegion("us-west-2").region()).isEqualTo("us-west-2");
        assertThat(new AwsCli(null, "eu-west-1").inRegion(null).region()).isEqualTo("eu-west-1");
    }

    @Test
    void matches_oneWildcard_matchesAnyRun() {
        assertThat(Wildcards.matches("https://*.example.com", "https://app.example.com", false)).isTrue();
        assertThat(Wildcards.matches("https://*.example.com", "https://example.com", false)).isFalse();
        assertThat(Wildcards.matches("X-Amz-*", "x-amz-meta-name", true)).isTrue();
        assertThat(Wildcards.matches("*", "anything", false)).isTrue();
        assertThat(Wildcards.matches("https://app.example.com", "https://APP.example.com", false)).isFalse();
    }
}
