package dev.uploadgate.client.bucket;

import java.util.List;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * A bucket's lifecycle configuration: its rules and, when the server reports it, the minimum object
 * size for transitions, which a PutBucketLifecycleConfiguration without it resets to S3's default.
 */
public record Lifecycle(List<LifecycleRule> rules, String transitionDefaultMinimumObjectSize) {
    public Lifecycle {
        rules = List.copyOf(rules);
    }
}
