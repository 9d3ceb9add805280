package dev.uploadgate.client.bucket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * Required: browsers at every origin may PUT (parts, single uploads), POST (form uploads) and GET
 * (downloads), may send the headers the API asks them to, and can read the ETag a PUT or POST
 * answers (without it a browser can never complete a multipart upload). S3 applies the first rule
 * whose origin and method match, so that is the rule each pair is judged by.
 */
public final class CorsCheck implements BucketRule {
    static final String ID = "cors";
    private static final String TITLE = "CORS for the browser origins";
    private static final List<String> METHODS = List.of("PUT", "POST", "GET");
    /** Headers a browser's presigned PUT carries, as the API returns them (one of each kind). */
    static final List<String> PUT_HEADERS = List.of("content-type", "content-disposition", "cache-control",
            "x-amz-checksum-crc32c", "x-amz-meta-name", "x-amz-server-side-encryption");

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (target.origins().isEmpty()) {
            return new CheckItem(ID, TITLE, true, Status.ADVISORY,
                    "not checked: no --origin given (only browser frontends need CORS; name each frontend origin)", null, null);
        }
        if (settings.cors().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, true, settings.cors().reason());
        }
        List<CORSRule> rules = settings.cors().optional().orElse(List.of());
        List<String> problems = new ArrayList<>();
        for (String origin : target.origins()) {
            for (String method : METHODS) {
                problems.addAll(problemsOf(rules, origin, method));
            }
        }
        if (problems.isEmpty()) {
            return CheckItem.ok(ID, TITLE, true, "PUT, POST and GET allowed from " + String.join(", ", target.origins())
                    + ", with the upload headers, and ETag exposed");
        }
        String found = rules.isEmpty() ? "the bucket has no CORS rules" : String.join("; ", problems);
        return CheckItem.notThere(ID, TITLE, true, found, fix(rules, target, settings.region()), note(rules));
    }

    private static List<String> problemsOf(List<CORSRule> rules, String origin, String method) {
        Optional<CORSRule> applied = rules.stream()
                .filter(rule -> Wildcards.anyMatches(rule.allowedOrigins(), origin, false))
                .filter(rule -> rule.allowedMethods().stream().anyMatch(m -> m.equalsIgnoreCase(method)))
                .findFirst();
        if (applied.isEmpty()) {
            return List.of(method + " from " + origin + " is not allowed");
        }
        List<String> problems = new ArrayList<>();
        CORSRule rule = applied.get();
        if (method.equals("PUT")) {
            List<String> refused = PUT_HEADERS.stream().filter(h -> !Wildcards.anyMatches(rule.allowedHeaders(), h, true)).toList();
            if (!refused.isEmpty()) {
                problems.add("PUT from " + origin + " may not send " + String.join(", ", refused));
            }
        }
        if (!method.equals("GET") && rule.exposeHeaders().stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).equals("etag"))) {
            problems.add(method + " from " + origin + " does not expose ETag");
        }
        return problems;
    }

    /** The template's rule for these origins, put first so it is the one S3 applies; the others kept after it. */
    private static String fix(List<CORSRule> existing, CheckTarget target, String bucketRegion) {
        ObjectNode rule = SdkJson.MAPPER.createObjectNode();
        rule.putArray("AllowedHeaders").add("*");
        rule.set("AllowedMethods", SdkJson.MAPPER.valueToTree(List.of("PUT", "POST", "GET", "HEAD")));
        rule.set("AllowedOrigins", SdkJson.MAPPER.valueToTree(target.origins()));
        rule.putArray("ExposeHeaders").add("ETag");
        rule.put("MaxAgeSeconds", 3000);
        ObjectNode configuration = SdkJson.MAPPER.createObjectNode();
        ArrayNode all = configuration.putArray("CORSRules");
        all.add(rule);
        existing.forEach(old -> all.add(SdkJson.of(old)));
        return target.cli().inRegion(bucketRegion).s3api("put-bucket-cors", target.bucket(),
                "--cors-configuration", SdkJson.write(configuration));
    }

    private static String note(List<CORSRule> existing) {
        return existing.isEmpty() ? null
                : "keeps the bucket's " + existing.size() + " existing CORS rule(s), after the new one (S3 applies the first rule that matches)";
    }
}
