package dev.uploadgate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.client.testing.Commands;
import dev.uploadgate.client.testing.MotoServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * {@code upload.jar check-bucket} against moto_server, which implements every configuration call:
 * a bucket set up like the template's passes; a bare one and a wrongly set up one are reported item
 * by item, and the printed fix commands, run through the AWS CLI, make them pass without losing
 * the rules they had.
 */
class CheckBucketMotoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.com";
    private static final String DEV = "http://localhost:3000";
    private static final Map<String, String> ENV = Commands.awsEnvironment(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY);
    private static final ServerSideEncryptionRule SSE_S3 = ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("AES256")).build();
    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    private Commands.Run check(String bucket, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("check-bucket", bucket, "--origin", APP, "--origin", DEV,
                "--endpoint-url", moto.endpoint().toString()));
        args.addAll(List.of(more));
        return Commands.uploadJar(ENV, args.toArray(String[]::new));
    }

    private static Map<String, JsonNode> items(JsonNode answer) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        answer.get("items").forEach(item -> items.put(item.get("id").asText(), item));
        return items;
    }

    /** What template.yaml's UploadBucket and UploadBucketPolicy set, through the SDK. */
    private static void setUpLikeTheTemplate(S3Client s3, String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedMethods("PUT", "GET", "POST", "HEAD").allowedOrigins(APP, DEV).allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(3000)
                .build())));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(LifecycleRule.builder()
                .id("AbortIncompleteMultipartUploads").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3)).build())));
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true)
                .blockPublicPolicy(true).restrictPublicBuckets(true)));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build())));
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(SSE_S3)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""
                .formatted(bucket)));
    }

    /** Runs every fix command the report printed, as a deployer pastes them. */
    private static void runFixes(JsonNode answer) throws Exception {
        for (JsonNode item : answer.get("items")) {
            if (!item.get("fix").isNull()) {
                Commands.Run fix = Commands.shell(ENV, item.get("fix").asText());
                assertThat(fix.exit()).as("%s: %s%s", item.get("fix").asText(), fix.out(), fix.err()).isZero();
            }
        }
    }

    @Test
    void checkBucket_setUpLikeTheTemplate_exitsZeroWithEveryItemOk() throws Exception {
        setUpLikeTheTemplate(moto.admin(), "right-bucket");

        Commands.Run json = check("right-bucket", "--json");
        Commands.Run text = check("right-bucket");

        assertThat(json.exit()).as(json.out() + json.err()).isZero();
        JsonNode answer = JSON.readTree(json.out());
        assertThat(answer.get("ready").asBoolean()).isTrue();
        assertThat(answer.get("exitCode").asInt()).isZero();
        assertThat(items(answer).keySet()).containsExactly("cors", "lifecycle", "tls-only", "public-access-block", "encryption", "ownership");
        assertThat(items(answer).values()).allSatisfy(item -> assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("OK"));
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("OK         CORS for the browser origins: PUT, POST and GET allowed from " + APP + ", " + DEV)
                .contains("ready: every required item is set up").doesNotContain("fix:");
    }

    @Test
    void checkBucket_bare_reportsEachRequiredItemAndItsFixesMakeItReady() throws Exception {
        moto.admin().createBucket(b -> b.bucket("bare-bucket"));

        Commands.Run run = check("bare-bucket", "--json");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.BUCKET_NOT_READY);
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("ready").asBoolean()).isFalse();
        Map<String, JsonNode> items = items(answer);
        assertThat(items.values()).filteredOn(item -> item.get("status").asText().equals("MISSING")).extracting(item -> item.get("id").asText())
                .containsExactly("cors", "lifecycle", "tls-only", "public-access-block", "encryption");
        assertThat(items.get("ownership").get("status").asText()).isEqualTo("ADVISORY");
        assertThat(items.get("cors").get("detail").asText()).isEqualTo("the bucket has no CORS rules");
        assertThat(items.get("tls-only").get("fix").asText())
                .startsWith("aws --endpoint-url " + moto.endpoint() + " --region us-east-1 s3api put-bucket-policy --bucket bare-bucket --policy '");

        runFixes(answer);
        Commands.Run again = check("bare-bucket", "--json");

        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(items(JSON.readTree(again.out())).values()).allSatisfy(item -> assertThat(item.get("status").asText()).isEqualTo("OK"));
    }

    @Test
    void checkBucket_wronglySetUp_namesWhatIsWrongAndItsFixesKeepTheOtherRules() throws Exception {
        S3Client s3 = moto.admin();
        String bucket = "wrong-bucket";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().id("website").allowedOrigins("https://www.example.org").allowedMethods("GET").build(),
                CORSRule.builder().allowedOrigins(APP, DEV).allowedMethods("PUT", "POST", "GET").allowedHeaders("*").build())));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(
                LifecycleRule.builder().id("expire-logs").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("logs/"))
                        .expiration(e -> e.days(30)).build(),
                LifecycleRule.builder().id("abort-uploads").status(ExpirationStatus.DISABLED).filter(f -> f.prefix(""))
                        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build())));
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true)
                .blockPublicPolicy(false).restrictPublicBuckets(false)));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(
                OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.OBJECT_WRITER).build())));
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(SSE_S3)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Sid":"ReadForCdn","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::wrong-bucket/public/*"}]}"""));

        Commands.Run text = check(bucket);
        Commands.Run json = check(bucket, "--json");

        assertThat(text.exit()).isEqualTo(ExitCodes.BUCKET_NOT_READY);
        assertThat(text.out()).contains("MISSING    CORS for the browser origins: PUT from " + APP + " does not expose ETag",
                "           fix: aws --endpoint-url " + moto.endpoint(), "not ready: 4 required item(s) missing: cors, lifecycle, tls-only, public-access-block");
        Map<String, JsonNode> items = items(JSON.readTree(json.out()));
        assertThat(items.get("lifecycle").get("detail").asText()).isEqualTo("rule 'abort-uploads' is disabled");
        assertThat(items.get("lifecycle").get("note").asText()).isEqualTo("keeps the bucket's 2 existing lifecycle rule(s)");
        assertThat(items.get("public-access-block").get("detail").asText()).isEqualTo("off: BlockPublicPolicy, RestrictPublicBuckets");
        assertThat(items.get("public-access-block").get("status").asText()).isEqualTo("MISSING");
        assertThat(items.get("tls-only").get("note").asText()).isEqualTo("keeps the policy's 1 existing statement(s)");
        assertThat(items.get("encryption").get("status").asText()).isEqualTo("OK");
        assertThat(items.get("ownership").get("detail").asText()).isEqualTo("ObjectOwnership is ObjectWriter: ACLs are in effect");

        runFixes(JSON.readTree(json.out()));
        Commands.Run again = check(bucket, "--json");

        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(s3.getBucketCors(b -> b.bucket(bucket)).corsRules()).hasSize(3).extracting(CORSRule::id).contains("website");
        assertThat(s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()).extracting(LifecycleRule::id)
                .containsExactly("expire-logs", "abort-uploads", "AbortIncompleteMultipartUploads");
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).contains("ReadForCdn", "DenyInsecureTransport");
    }

    @Test
    void checkBucket_noSuchBucket_exitsUnreadableWithJsonError() throws Exception {
        Commands.Run run = check("no-such-bucket", "--json");

        assertThat(run.exit()).isEqualTo(ExitCodes.BUCKET_UNREADABLE);
        assertThat(JSON.readTree(run.out()).get("error").asText()).startsWith("no bucket no-such-bucket here");
        assertThat(run.err()).contains("no bucket no-such-bucket here");
    }
}
