package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.service.CompleteUpload;
import dev.uploadgate.functions.service.CreateUpload;
import dev.uploadgate.functions.service.NewObjects;
import dev.uploadgate.functions.service.S3Uploads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * The warm path, in process: a whole handler invocation (event JSON bytes in, validation, signing
 * or the service logic, response JSON bytes out, log line) with the JIT settled. Create and complete run against an
 * S3 client that answers at once, so what is measured is their own overhead apart from the S3
 * round trip. The JVM flags are the template's (C1 only), as deployed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"})
public class HotPathBenchmark {
    private static final String UPLOAD_ID = CannedS3.UPLOAD_ID;
    private static final String ETAG_1 = "\"0123456789abcdef0123456789abcdef\"";
    private static final String ETAG_2 = "\"fedcba9876543210fedcba9876543210\"";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "BUCKET_NAME", "uploads",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static final FixedContext SILENT = new FixedContext("bench", "hot-path-bench", Priming.SILENT);

    private PresignPartHandler presignPart;
    private CreateMultipartHandler create;
    private CompleteMultipartHandler complete;
    private byte[] onePart;
    private byte[] batchOf100;
    private byte[] createEvent;
    private byte[] completeEvent;

    @Setup
    public void setUp() throws IOException {
        UploadSettings settings = UploadSettings.fromEnvironment(ENVIRONMENT);
        ObjectKeys keys = new ObjectKeys(settings.keyPrefix());
        S3Uploads uploads = new S3Uploads(new InstantS3(), settings.bucket(), Optional.empty());
        presignPart = HttpApiHandler.inEnvironment(ENVIRONMENT, PresignPartHandler::new);
        create = new CreateMultipartHandler(new CreateUpload(uploads, new NewObjects(keys, settings), settings.maxOpenUploadsPerOwner()));
        complete = new CompleteMultipartHandler(new CompleteUpload(uploads, keys, settings.maxObjectSize()));

        // The presign requests are priming's own (a part bound to its length and checksum, and a batch of 100).
        List<byte[]> presign = new Priming<>(Wiring.of(ENVIRONMENT), "PresignPart", Wiring::presignParts).requests();
        onePart = presign.get(0);
        batchOf100 = presign.get(1);
        String key = "uploads/public/0f8fad5b-d9cb-469f-a165-70867728950e.s13631488-p8388608/holiday video.mp4";
        createEvent = event("POST /s3/multipart", "/s3/multipart", Map.of(), "",
                "{\"filename\":\"holiday video.mp4\",\"type\":\"video/mp4\",\"metadata\":{\"name\":\"holiday video.mp4\"},\"size\":13631488}");
        completeEvent = event("POST /s3/multipart/{uploadId}/complete", "/s3/multipart/" + UPLOAD_ID + "/complete", Map.of("uploadId", UPLOAD_ID),
                "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"" + ETAG_1.replace("\"", "\\\"") + "\"},"
                        + "{\"PartNumber\":2,\"ETag\":\"" + ETAG_2.replace("\"", "\\\"") + "\"}]}");
        for (byte[] check : new byte[][] {presignOnePart(), presignBatchOf100(), createWithoutS3RoundTrip(), completeWithoutS3RoundTrip()}) {
            if (Json.read(check).get("statusCode").intValue() != 200) {
                throw new IllegalStateException("benchmark request failed: " + Json.read(check).get("body"));
            }
        }
    }

    /** A payload 2.0 event of the open API, as API Gateway sends it. */
    private static byte[] event(String routeKey, String path, Map<String, String> pathParameters, String rawQuery, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        event.put("requestContext", Map.of("requestId", "bench", "http", Map.of("method", routeKey.split(" ")[0], "path", path)));
        return Json.writeBytes(event);
    }

    @Benchmark
    public byte[] presignOnePart() throws IOException {
        return invoke(presignPart, onePart);
    }

    @Benchmark
    public byte[] presignBatchOf100() throws IOException {
        return invoke(presignPart, batchOf100);
    }

    @Benchmark
    public byte[] createWithoutS3RoundTrip() throws IOException {
        return invoke(create, createEvent);
    }

    @Benchmark
    public byte[] completeWithoutS3RoundTrip() throws IOException {
        return invoke(complete, completeEvent);
    }

    private static byte[] invoke(HttpApiHandler<?> handler, byte[] event) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, SILENT);
        return response.toByteArray();
    }

    /** Answers the calls create and complete make, at once. */
    private static final class InstantS3 implements S3Client {
        @Override
        public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
            return ListMultipartUploadsResponse.builder().bucket(request.bucket()).isTruncated(false).build();
        }

        @Override
        public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
            return CreateMultipartUploadResponse.builder().bucket(request.bucket()).key(request.key()).uploadId(UPLOAD_ID).build();
        }

        @Override
        public ListPartsResponse listParts(ListPartsRequest request) {
            return ListPartsResponse.builder().isTruncated(false).parts(
                    // The complete event's key is a sized upload (13,631,488 bytes in 8 MiB parts): its parts must add up.
                    Part.builder().partNumber(1).size(8L * 1024 * 1024).eTag(ETAG_1).build(),
                    Part.builder().partNumber(2).size(5L * 1024 * 1024).eTag(ETAG_2).build()).build();
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
            return CompleteMultipartUploadResponse.builder().bucket(request.bucket()).key(request.key())
                    .eTag("\"00112233445566778899aabbccddeeff-2\"").build();
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            return HeadObjectResponse.builder().eTag("\"00112233445566778899aabbccddeeff-2\"").contentLength(13L * 1024 * 1024).build();
        }

        @Override
        public S3Utilities utilities() {
            return S3Utilities.builder().region(Region.US_EAST_1).build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
