package dev.uploadgate.client.bucket;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Everything the checks look at, fetched once; {@code region} is the bucket's, when the server said. */
public record BucketSettings(
        String bucket,
        String region,
        Fetched<List<CORSRule>> cors,
        Fetched<Lifecycle> lifecycle,
        Fetched<PublicAccessBlockConfiguration> publicAccessBlock,
        Fetched<List<OwnershipControlsRule>> ownership,
        Fetched<List<ServerSideEncryptionRule>> encryption,
        Fetched<String> policy) {

    public BucketSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(publicAccessBlock, "publicAccessBlock");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(policy, "policy");
    }
}
