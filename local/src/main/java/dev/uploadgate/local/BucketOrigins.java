package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The browser origins the template's bucket CORS rules allow, resolved to parameter defaults, so
 * the embedded S3 server allows what the deployed bucket would.
 */
final class BucketOrigins {
    static final String BUCKET_TYPE = "AWS::S3::Bucket";

    private BucketOrigins() {
    }

    /** Every AllowedOrigins of every CorsRule of every bucket in the template; empty when none has CORS. */
    static List<String> of(SamTemplate template, IntrinsicResolver resolver) {
        List<String> origins = new ArrayList<>();
        template.resourcesOfType(BUCKET_TYPE).forEach((id, bucket) -> {
            String where = "Resources." + id + ".Properties";
            Map<String, Object> properties = SamTemplate.optionalMap(bucket, "Properties", "Resources." + id).orElse(Map.of());
            SamTemplate.optionalMap(properties, "CorsConfiguration", where).ifPresent(cors -> {
                Object rules = cors.get("CorsRules");
                if (rules == null) {
                    return;
                }
                for (Object rule : SamTemplate.asList(rules, where + ".CorsConfiguration.CorsRules")) {
                    Object allowed = SamTemplate.asMap(rule, where + ".CorsConfiguration.CorsRules[]").get("AllowedOrigins");
                    if (allowed != null) {
                        resolver.resolveList(allowed).stream().filter(origin -> !origins.contains(origin)).forEach(origins::add);
                    }
                }
            });
        });
        return List.copyOf(origins);
    }
}
