package dev.uploadgate.client.bucket;

import java.util.List;

/** The rules in the order the report prints them; evaluating them needs no network. */
public final class BucketCheck {
    private final List<BucketRule> rules;

    public BucketCheck(List<BucketRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** What the stack's own bucket has (template.yaml's UploadBucket and UploadBucketPolicy). */
    public static BucketCheck standard() {
        return new BucketCheck(List.of(new CorsCheck(), new LifecycleCheck(), new TlsOnlyCheck(), new PublicAccessCheck(),
                new EncryptionCheck(), new OwnershipCheck()));
    }

    public BucketReport evaluate(BucketSettings settings, CheckTarget target) {
        return new BucketReport(target.bucket(), rules.stream().map(rule -> rule.check(settings, target)).toList());
    }
}
