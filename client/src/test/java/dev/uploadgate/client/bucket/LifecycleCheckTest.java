package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

class LifecycleCheckTest {
    private static final LifecycleRule EXPIRE_LOGS = LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30)).build();

    private final LifecycleCheck check = new LifecycleCheck();

    private CheckItem check(LifecycleRule... rules) {
        return check.check(Buckets.withLifecycle(Fetched.present(new Lifecycle(List.of(rules), null))), TARGET);
    }

    @Test
    void check_templateRule_isOk() {
        CheckItem item = check(EXPIRE_LOGS, Buckets.TEMPLATE_LIFECYCLE);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.detail()).isEqualTo("rule 'AbortIncompleteMultipartUploads' aborts incomplete multipart uploads after 3 day(s)");
    }

    @Test
    void check_ruleOnTheKeyPrefixOrAParent_isOk() {
        assertThat(check(Buckets.TEMPLATE_LIFECYCLE.toBuilder().filter(f -> f.prefix("uploads/")).build()).status()).isEqualTo(Status.OK);
        assertThat(check(Buckets.TEMPLATE_LIFECYCLE.toBuilder().filter(f -> f.and(a -> a.prefix("up").objectSizeGreaterThan(0L))).build())
                .status()).isEqualTo(Status.OK);
    }

    @Test
    void check_noConfiguration_isMissingWithARuleOnTheKeyPrefix() throws Exception {
        CheckItem item = check.check(Buckets.withLifecycle(Fetched.absent()), TARGET);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("no rule aborts incomplete multipart uploads");
        assertThat(item.fix()).contains("s3api put-bucket-lifecycle-configuration --bucket my-uploads --lifecycle-configuration '");
        assertThat(Buckets.jsonArgument(item.fix()).toString()).isEqualTo("{\"Rules\":[{\"ID\":\"AbortIncompleteMultipartUploads\","
                + "\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"uploads/\"},\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":3}}]}");
    }

    @Test
    void check_disabledRule_isMissingAndSaysSo() {
        CheckItem item = check(Buckets.TEMPLATE_LIFECYCLE.toBuilder().status(ExpirationStatus.DISABLED).build());

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("rule 'AbortIncompleteMultipartUploads' is disabled");
    }

    @Test
    void check_ruleOnAnotherPrefix_isMissingAndSaysSo() {
        CheckItem item = check(Buckets.TEMPLATE_LIFECYCLE.toBuilder().filter(f -> f.prefix("tmp/")).build());

        assertThat(item.detail()).isEqualTo("rule 'AbortIncompleteMultipartUploads' only covers keys under 'tmp/', not 'uploads/'");
    }

    @Test
    void check_existingRules_fixKeepsThemWithAnUnusedId() throws Exception {
        LifecycleRule disabled = Buckets.TEMPLATE_LIFECYCLE.toBuilder().status(ExpirationStatus.DISABLED).build();

        CheckItem item = check(EXPIRE_LOGS, disabled);

        JsonNode rules = Buckets.jsonArgument(item.fix()).get("Rules");
        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).toString())
                .isEqualTo("{\"Expiration\":{\"Days\":30},\"ID\":\"expire-logs\",\"Filter\":{\"Prefix\":\"logs/\"},\"Status\":\"Enabled\"}");
        assertThat(rules.get(1).get("Status").asText()).isEqualTo("Disabled");
        assertThat(rules.get(2).get("ID").asText()).isEqualTo("AbortIncompleteMultipartUploads2");
        assertThat(item.note()).isEqualTo("keeps the bucket's 2 existing lifecycle rule(s)");
    }

    @Test
    void check_transitionMinimumReported_fixKeepsIt() {
        CheckItem item = check.check(Buckets.withLifecycle(Fetched.present(new Lifecycle(List.of(EXPIRE_LOGS), "varies_by_storage_class"))),
                TARGET);

        assertThat(item.fix()).endsWith("' --transition-default-minimum-object-size varies_by_storage_class");
    }
}
