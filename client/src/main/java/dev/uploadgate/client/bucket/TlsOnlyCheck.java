package dev.uploadgate.client.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Required: the bucket policy denies every S3 action to everyone, on the bucket and its objects,
 * when {@code aws:SecureTransport} is false. A presigned URL is a bearer credential: sent over plain
 * HTTP, anyone on the path could replay it.
 */
public final class TlsOnlyCheck implements BucketRule {
    static final String ID = "tls-only";
    private static final String TITLE = "TLS-only bucket policy";
    static final String SID = "DenyInsecureTransport";

    @Override
    public CheckItem check(BucketSettings settings, CheckTarget target) {
        if (settings.policy().isUnchecked()) {
            return CheckItem.unchecked(ID, TITLE, true, settings.policy().reason());
        }
        ObjectNode policy;
        try {
            policy = settings.policy().optional().map(TlsOnlyCheck::parse).orElse(null);
        } catch (IllegalArgumentException e) {
            return CheckItem.notThere(ID, TITLE, true, e.getMessage(), null, "fix the policy by hand: this check cannot merge into it");
        }
        List<JsonNode> statements = statements(policy);
        for (JsonNode statement : statements) {
            if (deniesInsecureTransport(statement, target.bucket())) {
                String sid = statement.path("Sid").asText("");
                return CheckItem.ok(ID, TITLE, true, "statement " + (sid.isEmpty() ? "(no Sid)" : "'" + sid + "'")
                        + " denies s3:* without TLS on the bucket and its objects");
            }
        }
        String found = policy == null ? "the bucket has no policy"
                : "no statement denies s3:* to everyone on the bucket and its objects when aws:SecureTransport is false";
        return CheckItem.notThere(ID, TITLE, true, found, fix(policy, statements, target, settings.region()),
                statements.isEmpty() ? null : "keeps the policy's " + statements.size() + " existing statement(s)");
    }

    private static ObjectNode parse(String text) {
        try {
            JsonNode node = SdkJson.MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the bucket policy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("the bucket policy is not a JSON object");
    }

    private static List<JsonNode> statements(ObjectNode policy) {
        List<JsonNode> statements = new ArrayList<>();
        if (policy != null) {
            JsonNode node = policy.path("Statement");
            if (node.isArray()) {
                node.forEach(statements::add);
            } else if (node.isObject()) {
                statements.add(node);
            }
        }
        return statements;
    }

    static boolean deniesInsecureTransport(JsonNode statement, String bucket) {
        return statement.path("Effect").asText().equals("Deny")
                && everyone(statement.path("Principal"))
                && values(statement.path("Action")).stream().anyMatch(a -> a.equals("*") || a.toLowerCase(Locale.ROOT).equals("s3:*"))
                && covers(values(statement.path("Resource")), bucket)
                && insecureTransportOnly(statement.path("Condition"));
    }

    private static boolean everyone(JsonNode principal) {
        return principal.asText().equals("*") || values(principal.path("AWS")).contains("*");
    }

    /** Some resource pattern matches the bucket's ARN and some matches an object's, in any partition. */
    private static boolean covers(List<String> resources, String bucket) {
        boolean coversBucket = false;
        boolean coversObjects = false;
        for (String resource : resources) {
            String partition = resource.startsWith("arn:") && resource.indexOf(':', 4) > 0
                    ? resource.substring(4, resource.indexOf(':', 4)) : "aws";
            Pattern pattern = glob(resource);
            String arn = "arn:" + partition + ":s3:::" + bucket;
            coversBucket |= pattern.matcher(arn).matches();
            coversObjects |= pattern.matcher(arn + "/any/key").matches();
        }
        return coversBucket && coversObjects;
    }

    private static Pattern glob(String iamPattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : iamPattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** {"Bool": {"aws:SecureTransport": "false"}} (operator and key names are case-insensitive in IAM). */
    private static boolean insecureTransportOnly(JsonNode condition) {
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            if (!operator.getKey().equalsIgnoreCase("Bool") && !operator.getKey().equalsIgnoreCase("BoolIfExists")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                if (key.getKey().equalsIgnoreCase("aws:SecureTransport")
                        && values(key.getValue()).stream().anyMatch(v -> v.equalsIgnoreCase("false"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A policy element that may be a string or a list of strings. */
    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else if (node.isValueNode()) {
            values.add(node.asText());
        }
        return values;
    }

    private static String fix(ObjectNode existing, List<JsonNode> statements, CheckTarget target, String bucketRegion) {
        ObjectNode policy = existing == null ? SdkJson.MAPPER.createObjectNode() : existing.deepCopy();
        if (!policy.has("Version")) {
            policy.put("Version", "2012-10-17");
        }
        Set<String> sids = new HashSet<>();
        statements.forEach(statement -> sids.add(statement.path("Sid").asText()));
        String sid = SID;
        for (int n = 2; sids.contains(sid); n++) {
            sid = SID + n;
        }
        ObjectNode deny = SdkJson.MAPPER.createObjectNode();
        deny.put("Sid", sid);
        deny.put("Effect", "Deny");
        deny.put("Principal", "*");
        deny.put("Action", "s3:*");
        deny.putArray("Resource").add("arn:aws:s3:::" + target.bucket()).add("arn:aws:s3:::" + target.bucket() + "/*");
        deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        ArrayNode all = SdkJson.MAPPER.createArrayNode();
        statements.forEach(all::add);
        all.add(deny);
        policy.set("Statement", all);
        return target.cli().inRegion(bucketRegion).s3api("put-bucket-policy", target.bucket(), "--policy", SdkJson.write(policy));
    }
}
