package dev.uploadgate.functions.service;

import dev.uploadgate.functions.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs a browser POST upload form with a SigV4 POST policy (the SDK has no signer for this). The
 * policy pins the bucket, the exact key, the content type, every metadata field and the allowed
 * size range, so the form cannot be reused for another object or a larger file.
 */
public final class PostPolicySigner {
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SigV4Sessions sessions;
    private final String bucket;
    private final String formUrl;

    /** @param location where the bucket's objects are addressed: the form is posted to its URL */
    public PostPolicySigner(SigV4Sessions sessions, String bucket, S3Location location) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.formUrl = location.formUrl();
    }

    /**
     * A form for one object.
     *
     * @param maxSize     the largest file the form accepts, in bytes
     * @param fixedFields more fields the form carries and the policy pins to exactly these values
     *                    (disposition, cache policy, encryption)
     */
    public PostForm sign(String key, String contentType, long maxSize, Map<String, String> metadata, Map<String, String> fixedFields) {
        SigV4Session session = sessions.open();

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fixedFields.forEach(fields::put);
        metadata.forEach((name, value) -> fields.put("x-amz-meta-" + name, value));
        fields.put("x-amz-algorithm", SigV4Session.ALGORITHM);
        fields.put("x-amz-credential", session.credential());
        fields.put("x-amz-date", session.amzDate());
        session.sessionToken().ifPresent(token -> fields.put("x-amz-security-token", token));

        List<Object> conditions = new ArrayList<>();
        conditions.add(Map.of("bucket", bucket));
        fields.forEach((name, value) -> conditions.add(Map.of(name, value)));
        conditions.add(List.of("content-length-range", 0, maxSize));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("expiration", EXPIRATION.format(session.now().plus(session.lifetime())));
        policy.put("conditions", conditions);

        String encodedPolicy = Base64.getEncoder().encodeToString(Json.write(policy).getBytes(StandardCharsets.UTF_8));
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", session.sign(encodedPolicy));
        return new PostForm(formUrl, fields, session.lifetime().toSeconds());
    }
}
