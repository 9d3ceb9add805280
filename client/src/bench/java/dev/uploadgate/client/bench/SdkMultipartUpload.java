package dev.uploadgate.client.bench;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The benchmark's SDK contender, run in its own process: the AWS SDK for Java's own multipart
 * upload (the async S3 client with multipart enabled), same part size and concurrency.
 * Arguments: ENDPOINT BUCKET ACCESS_KEY SECRET_KEY FILE KEY PART_SIZE CONCURRENCY.
 */
public final class SdkMultipartUpload {
    private SdkMultipartUpload() {
    }

    /**
     * S3Proxy answers 501 to the {@code x-amz-mp-object-size} header the multipart client adds to
     * CompleteMultipartUpload (S3 accepts it); dropped before signing, it changes nothing else.
     */
    private static final class WithoutObjectSizeHeader implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("x-amz-mp-object-size").build();
        }
    }

    public static void main(String[] args) {
        long partSize = Long.parseLong(args[6]);
        int concurrency = Integer.parseInt(args[7]);
        try (S3AsyncClient s3 = S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(args[0]))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[2], args[3])))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(concurrency))
                // S3Proxy answers 501 to the SDK's default CRC trailers; S3 itself would take them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new WithoutObjectSizeHeader()))
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(partSize).thresholdInBytes(partSize))
                .build()) {
            PutObjectResponse response = s3.putObject(b -> b.bucket(args[1]).key(args[5]), AsyncRequestBody.fromFile(Path.of(args[4])))
                    .join();
            System.out.println(response.eTag());
        }
    }
}
