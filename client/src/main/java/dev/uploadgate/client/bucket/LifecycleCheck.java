package dev.uploadgate.client.bucket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/**
 * Required: an enabled rule that aborts incomplete multipart uploads after some days, covering the
 * key prefix. Every browser that closes its tab mid-upload leaves parts behind, billed as storage
 * and invisible in listings; nothing else ever removes them.
 */
public final class LifecycleCheck implements BucketRule {
    static final String ID = "lifecycle";
    private static final String TITLE = "abandoned-upload lifecycle rule";
    static final int DAYS = 3;

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (settings.lifecycle().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, true, settings.lifecycle().reason());
        }
        Lifecycle lifecycle = settings.lifecycle().optional().orElse(new Lifecycle(List.of(), null));
        List<LifecycleRule> rules = lifecycle.rules();
        Optional<LifecycleRule> covering = rules.stream()
                .filter(rule -> rule.status() == ExpirationStatus.ENABLED)
                .filter(LifecycleCheck::abortsUploads)
                .filter(rule -> target.keyPrefix().startsWith(prefixOf(rule)))
                .findFirst();
        if (covering.isPresent()) {
            LifecycleRule rule = covering.get();
            return CheckItem.ok(ID, TITLE, true, "rule " + name(rule) + " aborts incomplete multipart uploads after "
                    + rule.abortIncompleteMultipartUpload().daysAfterInitiation() + " day(s)");
        }
        List<LifecycleRule> near = rules.stream().filter(LifecycleCheck::abortsUploads).toList();
        String found = near.isEmpty() ? "no rule aborts incomplete multipart uploads"
                : near.stream().map(rule -> "rule " + name(rule) + (rule.status() == ExpirationStatus.ENABLED
                        ? " only covers keys under '" + prefixOf(rule) + "', not '" + target.keyPrefix() + "'" : " is disabled"))
                        .collect(Collectors.joining("; "));
        return CheckItem.notThere(ID, TITLE, true, found, fix(lifecycle, target, settings.region()),
                rules.isEmpty() ? null : "keeps the bucket's " + rules.size() + " existing lifecycle rule(s)");
    }

    private static boolean abortsUploads(LifecycleRule rule) {
        return rule.abortIncompleteMultipartUpload() != null && rule.abortIncompleteMultipartUpload().daysAfterInitiation() != null;
    }

    /** The key prefix a rule applies to: its filter's (plain or inside And), else the older rule-level Prefix. */
    @SuppressWarnings("deprecation") // LifecycleRule.prefix(): buckets configured before filters still answer it
    static String prefixOf(LifecycleRule rule) {
        LifecycleRuleFilter filter = rule.filter();
        if (filter != null) {
            if (filter.prefix() != null) {
                return filter.prefix();
            }
            if (filter.and() != null && filter.and().prefix() != null) {
                return filter.and().prefix();
            }
            return "";
        }
        return rule.prefix() == null ? "" : rule.prefix();
    }

    private static String name(LifecycleRule rule) {
        return rule.id() == null ? "(no ID)" : "'" + rule.id() + "'";
    }

    private static String fix(Lifecycle lifecycle, CheckTarget target, String bucketRegion) {
        List<LifecycleRule> existing = lifecycle.rules();
        Set<String> ids = existing.stream().map(LifecycleRule::id).collect(Collectors.toSet());
        String id = "AbortIncompleteMultipartUploads";
        for (int n = 2; ids.contains(id); n++) {
            id = "AbortIncompleteMultipartUploads" + n;
        }
        ObjectNode rule = SdkJson.MAPPER.createObjectNode();
        rule.put("ID", id);
        rule.put("Status", "Enabled");
        rule.putObject("Filter").put("Prefix", target.keyPrefix());
        rule.putObject("AbortIncompleteMultipartUpload").put("DaysAfterInitiation", DAYS);
        ObjectNode configuration = SdkJson.MAPPER.createObjectNode();
        ArrayNode all = configuration.putArray("Rules");
        existing.forEach(old -> all.add(SdkJson.of(old)));
        all.add(rule);
        List<String> options = new ArrayList<>(List.of("--lifecycle-configuration", SdkJson.write(configuration)));
        if (lifecycle.transitionDefaultMinimumObjectSize() != null) {
            // Left out, S3 would reset it to its default along with the rules.
            options.addAll(List.of("--transition-default-minimum-object-size", lifecycle.transitionDefaultMinimumObjectSize()));
        }
        return target.cli().inRegion(bucketRegion).s3api("put-bucket-lifecycle-configuration", target.bucket(),
                options.toArray(String[]::new));
    }
}
