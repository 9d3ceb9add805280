package dev.uploadgate.client.bucket;

import static dev.uploadgate.client.bucket.Buckets.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TlsOnlyCheckTest {
    private static final String ALLOW_READ = """
            {"Sid":"ReadForCdn","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/cdn"},"Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::my-uploads/public/*"}""";

    private final TlsOnlyCheck check = new TlsOnlyCheck();

    private CheckItem check(String policy) {
        return check.check(Buckets.withPolicy(Fetched.present(policy)), TARGET);
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    @Test
    void check_templatePolicy_isOk() {
        CheckItem item = check(Buckets.TLS_POLICY);

        assertThat(item.status()).isEqualTo(Status.OK);
        assertThat(item.detail()).contains("'DenyInsecureTransport'");
    }

    @Test
    void check_equivalentSpellings_areOk() {
        String spelled = """
                {"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:*"],"Resource":["arn:aws:s3:::my-uploads*"],
                 "Condition":{"bool":{"AWS:SecureTransport":["false"]}}}""";
        assertThat(check(policy(ALLOW_READ, spelled)).status()).isEqualTo(Status.OK);
        String single = """
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
                 "Condition":{"Bool":{"aws:SecureTransport":false}}}}""";
        assertThat(check(single).status()).isEqualTo(Status.OK);
    }

    @Test
    void check_objectsOnly_isMissing() {
        String objectsOnly = """
                {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::my-uploads/*",
                 "Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";

        assertThat(check(policy(objectsOnly)).status()).isEqualTo(Status.MISSING);
    }

    @Test
    void check_putObjectOnlyOrAllowOrOtherBucket_isMissing() {
        String putOnly = Buckets.TLS_POLICY.replace("\"s3:*\"", "\"s3:PutObject\"");
        String allow = Buckets.TLS_POLICY.replace("\"Deny\"", "\"Allow\"");
        String otherBucket = Buckets.TLS_POLICY.replace("my-uploads", "other-bucket");

        assertThat(check(putOnly).status()).isEqualTo(Status.MISSING);
        assertThat(check(allow).status()).isEqualTo(Status.MISSING);
        assertThat(check(otherBucket).status()).isEqualTo(Status.MISSING);
    }

    @Test
    void check_noPolicy_isMissingWithTheTemplateStatement() throws Exception {
        CheckItem item = check.check(Buckets.withPolicy(Fetched.absent()), TARGET);

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).isEqualTo("the bucket has no policy");
        assertThat(item.fix()).contains("s3api put-bucket-policy --bucket my-uploads --policy '");
        JsonNode fixed = Buckets.jsonArgument(item.fix());
        assertThat(TlsOnlyCheck.deniesInsecureTransport(fixed.get("Statement").get(0), Buckets.BUCKET)).isTrue();
        assertThat(fixed.get("Version").asText()).isEqualTo("2012-10-17");
    }

    @Test
    void check_otherStatements_fixKeepsThemAndQuotesForTheShell() throws Exception {
        String quoted = ALLOW_READ.replace("ReadForCdn", "Read for the CDN's role");

        CheckItem item = check(policy(quoted));

        assertThat(item.fix()).contains("CDN'\\''s role");
        JsonNode statements = Buckets.jsonArgument(item.fix()).get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).isEqualTo(SdkJson.MAPPER.readTree(quoted));
        assertThat(statements.get(1).get("Sid").asText()).isEqualTo("DenyInsecureTransport");
        assertThat(item.note()).isEqualTo("keeps the policy's 1 existing statement(s)");
    }

    @Test
    void check_sidTaken_fixUsesAnother() throws Exception {
        String taken = ALLOW_READ.replace("ReadForCdn", "DenyInsecureTransport");

        JsonNode statements = Buckets.jsonArgument(check(policy(taken)).fix()).get("Statement");

        assertThat(statements.get(1).get("Sid").asText()).isEqualTo("DenyInsecureTransport2");
    }

    @Test
    void check_policyNotJson_isMissingWithoutAFix() {
        CheckItem item = check("{not json");

        assertThat(item.status()).isEqualTo(Status.MISSING);
        assertThat(item.detail()).startsWith("the bucket policy is not valid JSON");
        assertThat(item.fix()).isNull();
    }
}
