package dev.uploadgate.client.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Bucket settings for the rule tests: the template's bucket, one setting changed at a time. */
final class Buckets {
    static final String BUCKET = "my-uploads";
    static final String ORIGIN = "https://app.example.com";
    static final CheckTarget TARGET = new CheckTarget(BUCKET, List.of(ORIGIN), "uploads/", new AwsCli(null, null));

    static final CORSRule TEMPLATE_CORS = CORSRule.builder().allowedMethods("PUT", "GET", "POST", "HEAD").allowedOrigins(ORIGIN)
            .allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(3000).build();
    static final LifecycleRule TEMPLATE_LIFECYCLE = LifecycleRule.builder().id("AbortIncompleteMultipartUploads")
            .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3)).build();
    static final PublicAccessBlockConfiguration ALL_BLOCKED = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
    static final OwnershipControlsRule ENFORCED = OwnershipControlsRule.builder().objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build();
    static final ServerSideEncryptionRule SSE_S3 = ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm("AES256")).build();
    static final String TLS_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
             "Resource":["arn:aws:s3:::my-uploads","arn:aws:s3:::my-uploads/*"],
             "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";

    private Buckets() {
    }

    /** What template.yaml's UploadBucket and UploadBucketPolicy make. */
    static BucketSettings template() {
        return new BucketSettings(BUCKET, "eu-west-1", Fetched.present(List.of(TEMPLATE_CORS)), Fetched.present(new Lifecycle(List.of(TEMPLATE_LIFECYCLE), "all_storage_classes_128K")),
                Fetched.present(ALL_BLOCKED), Fetched.present(List.of(ENFORCED)), Fetched.present(List.of(SSE_S3)), Fetched.present(TLS_POLICY));
    }

    /** A bucket on which nothing was ever configured. */
    static BucketSettings bare() {
        return new BucketSettings(BUCKET, null, Fetched.absent(), Fetched.absent(), Fetched.absent(), Fetched.absent(), Fetched.absent(),
                Fetched.absent());
    }

    static BucketSettings withCors(Fetched<List<CORSRule>> cors) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), cors, t.lifecycle(), t.publicAccessBlock(), t.ownership(), t.encryption(), t.policy());
    }

    static BucketSettings withLifecycle(Fetched<Lifecycle> lifecycle) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), t.cors(), lifecycle, t.publicAccessBlock(), t.ownership(), t.encryption(), t.policy());
    }

    static BucketSettings withPublicAccessBlock(Fetched<PublicAccessBlockConfiguration> block) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), t.cors(), t.lifecycle(), block, t.ownership(), t.encryption(), t.policy());
    }

    static BucketSettings withOwnership(Fetched<List<OwnershipControlsRule>> ownership) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), t.cors(), t.lifecycle(), t.publicAccessBlock(), ownership, t.encryption(), t.policy());
    }

    static BucketSettings withEncryption(Fetched<List<ServerSideEncryptionRule>> encryption) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), t.cors(), t.lifecycle(), t.publicAccessBlock(), t.ownership(), encryption, t.policy());
    }

    static BucketSettings withPolicy(Fetched<String> policy) {
        BucketSettings t = template();
        return new BucketSettings(t.bucket(), t.region(), t.cors(), t.lifecycle(), t.publicAccessBlock(), t.ownership(), t.encryption(), policy);
    }

    /** The JSON document a fix command passes, read back as the shell would unquote it. */
    static JsonNode jsonArgument(String command) throws Exception {
        int start = command.indexOf("'{");
        int end = command.lastIndexOf("}'");
        return SdkJson.MAPPER.readTree(command.substring(start + 1, end + 1).replace("'\\''", "'"));
    }
}
