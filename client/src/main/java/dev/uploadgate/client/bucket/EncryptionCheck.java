package dev.uploadgate.client.bucket;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Required: default encryption, SSE-S3 (AES256) or SSE-KMS. AWS has applied SSE-S3 to every bucket
 * since January 2023, so on AWS this only fails for a bucket whose configuration cannot be read;
 * on an S3-compatible server it tells whether uploads are stored unencrypted. With the stack's
 * KmsKeyArn the API asks for that key on every upload whatever the default says.
 */
public final class EncryptionCheck implements BucketRule {
    static final String ID = "encryption";
    private static final String TITLE = "default encryption";
    private static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (settings.encryption().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, true, settings.encryption().reason());
        }
        Optional<ServerSideEncryptionByDefault> applied = settings.encryption().optional().orElse(List.of()).stream()
                .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                .filter(sse -> sse != null && ALGORITHMS.contains(sse.sseAlgorithmAsString()))
                .findFirst();
        if (applied.isPresent()) {
            ServerSideEncryptionByDefault sse = applied.get();
            return CheckItem.ok(ID, TITLE, true, sse.sseAlgorithmAsString()
                    + (sse.kmsMasterKeyID() == null ? "" : " with key " + sse.kmsMasterKeyID()));
        }
        String fix = target.cli().inRegion(settings.region()).s3api("put-bucket-encryption", target.bucket(),
                "--server-side-encryption-configuration",
                "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}");
        return CheckItem.notThere(ID, TITLE, true, "no default encryption: objects are stored unencrypted", fix,
                "SSE-S3; for a KMS key use {\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<key ARN>\"} and \"BucketKeyEnabled\":true");
    }
}
