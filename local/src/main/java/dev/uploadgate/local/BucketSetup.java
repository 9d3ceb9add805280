package dev.uploadgate.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Makes sure the functions' bucket exists before the first request needs it. */
final class BucketSetup {
    private BucketSetup() {
    }

    /** @return true when the bucket had to be created */
    static boolean ensureExists(S3Connection s3, String bucket, String region) {
        try (S3Client client = S3Client.builder()
                .region(Region.of(region))
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            try {
                client.headBucket(request -> request.bucket(bucket));
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            client.createBucket(request -> request.bucket(bucket));
            return true;
        }
    }
}
