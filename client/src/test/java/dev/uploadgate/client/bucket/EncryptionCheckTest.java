package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

class EncryptionCheckTest {
    private final EncryptionCheck check = new EncryptionCheck();

    @Test
    void check_sseS3_isOk() {
        CheckItem item = check.check(Buckets.template(), TARGET);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.detail()).isEqualTo("AES256");
    }

    @Test
    void check_sseKms_isOkAndNamesTheKey() {
        ServerSideEncryptionRule kms = ServerSideEncryptionRule.builder().bucketKeyEnabled(true)
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("aws:kms").kmsMasterKeyID("arn:aws:kms:eu-west-1:1:key/k")).build();

        CheckItem item = check.check(Buckets.withEncryption(Fetched.present(List.of(kms))), TARGET);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.detail()).isEqualTo("aws:kms with key arn:aws:kms:eu-west-1:1:key/k");
    }

    @Test
    void check_absentOrRuleWithoutDefault_isMissingWithSseS3Fix() {
        for (Fetched<List<ServerSideEncryptionRule>> none : List.<Fetched<List<ServerSideEncryptionRule>>>of(Fetched.absent(),
                Fetched.present(List.of(ServerSideEncryptionRule.builder().bucketKeyEnabled(true).build())))) {
            CheckItem item = check.check(Buckets.withEncryption(none), TARGET);

            assertThat(item.status()).isEqualTo(Status.MISSING);
            assertThat(item.fix()).endsWith("put-bucket-encryption --bucket my-uploads --server-side-encryption-configuration "
                    + "'{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}'");
        }
    }
}
