package dev.uploadgate.client.bucket;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * Required: all four public access block settings on. Uploads never need public access (every
 * request is presigned), and the bucket holds users' files: the block is what keeps a later policy
 * or ACL mistake from publishing them.
 */
public final class PublicAccessCheck implements BucketRule {
    static final String ID = "public-access-block";
    private static final String TITLE = "public access blocked";

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (settings.publicAccessBlock().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, true, settings.publicAccessBlock().reason());
        }
        PublicAccessBlockConfiguration block = settings.publicAccessBlock().optional().orElse(null);
        List<String> off = new ArrayList<>();
        if (block == null || !Boolean.TRUE.equals(block.blockPublicAcls())) {
            off.add("BlockPublicAcls");
        }
        if (block == null || !Boolean.TRUE.equals(block.ignorePublicAcls())) {
            off.add("IgnorePublicAcls");
        }
        if (block == null || !Boolean.TRUE.equals(block.blockPublicPolicy())) {
            off.add("BlockPublicPolicy");
        }
        if (block == null || !Boolean.TRUE.equals(block.restrictPublicBuckets())) {
            off.add("RestrictPublicBuckets");
        }
        if (off.isEmpty()) {
            return CheckItem.ok(ID, TITLE, true, "all four public access block settings are on");
        }
        String found = block == null ? "the bucket has no public access block" : "off: " + String.join(", ", off);
        String fix = target.cli().inRegion(settings.region()).s3api("put-public-access-block", target.bucket(),
                "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
        return CheckItem.notThere(ID, TITLE, true, found, fix,
                "anything that relied on public access to this bucket (a public website, public objects) stops working");
    }
}
