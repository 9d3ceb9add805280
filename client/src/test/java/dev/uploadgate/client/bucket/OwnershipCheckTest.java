package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;

class OwnershipCheckTest {
    private final OwnershipCheck check = new OwnershipCheck();

    @Test
    void check_bucketOwnerEnforced_isOk() {
        CheckItem item = check.check(Buckets.template(), TARGET);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.required()).isFalse();
    }

    @Test
    void check_objectWriter_isAdvisoryWithFix() {
        CheckItem item = check.check(Buckets.withOwnership(Fetched.present(List.of(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.OBJECT_WRITER).build()))), TARGET);

        assertThat(item.status()).isEqualTo(Status.ADVISORY);
        assertThat(item.detail()).isEqualTo("ObjectOwnership is ObjectWriter: ACLs are in effect");
        assertThat(item.fix()).endsWith("put-bucket-ownership-controls --bucket my-uploads --ownership-controls "
                + "'{\"Rules\":[{\"ObjectOwnership\":\"BucketOwnerEnforced\"}]}'");
        assertThat(item.note()).contains("ACLs");
    }

    @Test
    void check_absent_isAdvisory() {
        assertThat(check.check(Buckets.withOwnership(Fetched.absent()), TARGET).status()).isEqualTo(Status.ADVISORY);
    }
}
