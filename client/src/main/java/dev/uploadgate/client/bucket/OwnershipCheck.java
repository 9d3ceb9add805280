package dev.uploadgate.client.bucket;

import java.util.List;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;

/**
 * Advisory: object ownership BucketOwnerEnforced (ACLs disabled), the S3 default for new buckets.
 * Not required: with the public access block on (required), no ACL can make an upload public, and
 * the API's presigned requests carry no ACL; but an existing bucket may still rely on ACLs for
 * something else (log delivery, another account's writes), which this change would break.
 */
public final class OwnershipCheck implements BucketRule {
    static final String ID = "ownership";
    private static final String TITLE = "object ownership (ACLs disabled)";

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (settings.ownership().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, false, settings.ownership().reason());
        }
        List<OwnershipControlsRule> rules = settings.ownership().optional().orElse(List.of());
        if (rules.stream().anyMatch(rule -> rule.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED)) {
            return CheckItem.ok(ID, TITLE, false, "BucketOwnerEnforced: ACLs are disabled");
        }
        String found = rules.isEmpty() ? "no ownership controls: ACLs are in effect"
                : "ObjectOwnership is " + rules.get(0).objectOwnershipAsString() + ": ACLs are in effect";
        String fix = target.cli().inRegion(settings.region()).s3api("put-bucket-ownership-controls", target.bucket(),
                "--ownership-controls", "{\"Rules\":[{\"ObjectOwnership\":\"BucketOwnerEnforced\"}]}");
        return CheckItem.notThere(ID, TITLE, false, found, fix,
                "disables ACLs: first check that nothing writing to this bucket depends on them");
    }
}
