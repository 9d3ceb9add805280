package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.BUCKET;
import static dev.uploadgate.client.bucket.Buckets.ORIGIN;
import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CORSRule;

class CorsCheckTest {
    private final CorsCheck check = new CorsCheck();

    private CheckItem check(CORSRule... rules) {
        return check.check(Buckets.withCors(Fetched.present(List.of(rules))), TARGET);
    }

    @Test
    void check_templateRule_isOk() {
        CheckItem item = check(Buckets.TEMPLATE_CORS);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.required()).isTrue();
        assertThat(item.fix()).isNull();
    }

    @Test
    void check_wildcardOriginAndHeaderPatterns_isOk() {
        CORSRule rule = Buckets.TEMPLATE_CORS.toBuilder().allowedOrigins("https://*.example.com")
                .allowedHeaders("Content-*", "cache-control", "x-amz-*").exposeHeaders("etag").build();

        assertThat(check(rule).status()).isEqualTo(Status.OK);
    }

    @Test
    void check_noRules_isMissingWithTheTemplateRuleAsFix() throws Exception {
        CheckItem item = check.check(Buckets.withCors(Fetched.absent()), TARGET);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("the bucket has no CORS rules");
        assertThat(item.fix()).startsWith("aws --region eu-west-1 s3api put-bucket-cors --bucket " + BUCKET + " --cors-configuration '");
        JsonNode rule = Buckets.jsonArgument(item.fix()).get("CORSRules").get(0);
        assertThat(rule.get("AllowedOrigins")).containsExactly(SdkJson.MAPPER.valueToTree(ORIGIN));
        assertThat(rule.get("AllowedMethods").toString()).isEqualTo("[\"PUT\",\"POST\",\"GET\",\"HEAD\"]");
        assertThat(rule.get("ExposeHeaders").toString()).isEqualTo("[\"ETag\"]");
        assertThat(item.note()).isNull();
    }

    @Test
    void check_etagNotExposed_isMissingForPutAndPost() {
        CheckItem item = check(Buckets.TEMPLATE_CORS.toBuilder().exposeHeaders("x-amz-request-id").build());

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).contains("PUT from " + ORIGIN + " does not expose ETag", "POST from " + ORIGIN + " does not expose ETag")
                .doesNotContain("GET from");
    }

    @Test
    void check_postNotAllowed_isMissing() {
        CheckItem item = check(Buckets.TEMPLATE_CORS.toBuilder().allowedMethods("PUT", "GET").build());

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("POST from " + ORIGIN + " is not allowed");
    }

    @Test
    void check_headersNotAllowed_namesThem() {
        CheckItem item = check(Buckets.TEMPLATE_CORS.toBuilder().allowedHeaders("content-type").build());

        assertThat(item.detail()).contains("PUT from " + ORIGIN + " may not send content-disposition, cache-control, x-amz-checksum-crc32c");
    }

    @Test
    void check_secondOriginNotAllowed_namesIt() {
        CheckTarget two = new CheckTarget(BUCKET, List.of(ORIGIN, "http://localhost:3000"), "uploads/", TARGET.cli());

        CheckItem item = check.check(Buckets.template(), two);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).contains("PUT from http://localhost:3000 is not allowed").doesNotContain("from " + ORIGIN);
    }

    @Test
    void check_earlierRuleWithoutEtag_shadowsAGoodOne() {
        CORSRule first = CORSRule.builder().allowedOrigins("*").allowedMethods("PUT", "POST").allowedHeaders("*").build();

        CheckItem item = check(first, Buckets.TEMPLATE_CORS);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).contains("does not expose ETag");
    }

    @Test
    void check_existingRules_fixPutsTheNewRuleFirstAndKeepsThem() throws Exception {
        CORSRule other = CORSRule.builder().id("website").allowedOrigins("https://www.example.org").allowedMethods("GET").maxAgeSeconds(60).build();

        CheckItem item = check(other);

        JsonNode rules = Buckets.jsonArgument(item.fix()).get("CORSRules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).get("AllowedOrigins").get(0).asText()).isEqualTo(ORIGIN);
        assertThat(rules.get(1).toString())
                .isEqualTo("{\"ID\":\"website\",\"AllowedMethods\":[\"GET\"],\"AllowedOrigins\":[\"https://www.example.org\"],\"MaxAgeSeconds\":60}");
        assertThat(item.note()).contains("keeps the bucket's 1 existing CORS rule(s)");
    }

    @Test
    void check_noOrigins_isAdvisoryNotChecked() {
        CheckTarget none = new CheckTarget(BUCKET, List.of(), "uploads/", TARGET.cli());

        CheckItem item = check.check(Buckets.bare(), none);

        assertThat(item.status()).isEqualTo(Status.ADVISORY);
        assertThat(item.detail()).contains("no --origin");
    }

    @Test
    void check_unchecked_saysWhy() {
        CheckItem item = check.check(Buckets.withCors(Fetched.unchecked("the server does not implement GetBucketCors (501)")), TARGET);

        assertThat(item.status()).isEqualTo(Status.UNCHECKED);
        assertThat(item.detail()).isEqualTo("could not be checked: the server does not implement GetBucketCors (501)");
    }
}
