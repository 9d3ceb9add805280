package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicAccessCheckTest {
    private final PublicAccessCheck check = new PublicAccessCheck();

    @Test
    void check_allFourOn_isOk() {
        assertThat(check.check(Buckets.template(), TARGET).status()).isEqualTo(Status.OK);
    }

    @Test
    void check_twoOff_namesThemAndFixesAllFour() {
        CheckItem item = check.check(Buckets.withPublicAccessBlock(Fetched.present(
                Buckets.ALL_BLOCKED.toBuilder().blockPublicPolicy(false).restrictPublicBuckets(null).build())), TARGET);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.required()).isTrue();
        assertThat(item.detail()).isEqualTo("off: BlockPublicPolicy, RestrictPublicBuckets");
        assertThat(item.fix()).isEqualTo("aws --region eu-west-1 s3api put-public-access-block --bucket my-uploads --public-access-block-configuration "
                + "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
    }

    @Test
    void check_absent_isMissing() {
        CheckItem item = check.check(Buckets.withPublicAccessBlock(Fetched.absent()), TARGET);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("the bucket has no public access block");
    }

    @Test
    void check_unchecked_isUncheckedAndRequired() {
        CheckItem item = check.check(Buckets.withPublicAccessBlock(Fetched.unchecked("denied")), TARGET);

        assertThat(item.status()).isEqualTo(Status.UNCHECKED);
        assertThat(item.required()).isTrue();
    }
}
