package dev.uploadgate.functions.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The baseline of the cold-start benchmark: a handler written the way a first Java Lambda often
 * is. One class for every route; an S3 client built for every operation (presigning too, which
 * then also builds a presigner) with the SDK's defaults (its default HTTP client, Apache, found on
 * the class path; region and credentials from the default chains); a new ObjectMapper per request.
 * It does the same S3 work as the real handlers, without their checks. Only the endpoint override
 * is set, to reach the local S3 server.
 */
public final class NaiveHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ObjectMapper mapper = new ObjectMapper();
        S3ClientBuilder builder = S3Client.builder();
        endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        try (S3Client s3 = builder.build()) {
            Object answer = switch (event.getRouteKey()) {
                case "POST /s3/multipart" -> create(s3, mapper, body(event));
                case "GET /s3/multipart/{uploadId}/{partNumber}" -> presignPart(event);
                case "POST /s3/multipart/{uploadId}/complete" -> complete(s3, mapper, event);
                case "GET /s3/multipart/{uploadId}" -> listParts(s3, event);
                case "DELETE /s3/multipart/{uploadId}" -> abort(s3, event);
                case "GET /s3/params" -> presignPut(event);
                default -> throw new IllegalArgumentException("no route " + event.getRouteKey());
            };
            return response(200, mapper.writeValueAsString(answer));
        } catch (S3Exception e) {
            return response(e.statusCode(), "{\"code\":\"" + e.awsErrorDetails().errorCode() + "\"}");
        } catch (Exception e) {
            return response(500, "{\"message\":\"" + e.getMessage() + "\"}");
        }
    }

    private static Map<String, String> create(S3Client s3, ObjectMapper mapper, String body) throws Exception {
        JsonNode request = mapper.readTree(body);
        String key = "uploads/public/" + UUID.randomUUID() + "/" + request.get("filename").asText();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket()).key(key)
                .contentType(request.get("type").asText())).uploadId();
        return Map.of("key", key, "uploadId", uploadId);
    }

    private static Map<String, String> presignPart(APIGatewayV2HTTPEvent event) {
        try (S3Presigner presigner = presigner()) {
            String url = presigner.presignUploadPart(b -> b.signatureDuration(Duration.ofMinutes(15))
                    .uploadPartRequest(r -> r.bucket(bucket()).key(event.getQueryStringParameters().get("key"))
                            .uploadId(event.getPathParameters().get("uploadId"))
                            .partNumber(Integer.parseInt(event.getPathParameters().get("partNumber")))))
                    .url().toString();
            return Map.of("url", url);
        }
    }

    private static Map<String, String> complete(S3Client s3, ObjectMapper mapper, APIGatewayV2HTTPEvent event) throws Exception {
        List<CompletedPart> parts = new ArrayList<>();
        for (JsonNode part : mapper.readTree(body(event)).get("parts")) {
            parts.add(CompletedPart.builder().partNumber(part.get("PartNumber").asInt()).eTag(part.get("ETag").asText()).build());
        }
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket()).key(event.getQueryStringParameters().get("key"))
                .uploadId(event.getPathParameters().get("uploadId")).multipartUpload(u -> u.parts(parts)));
        return Map.of("key", done.key(), "etag", done.eTag());
    }

    private static List<Map<String, Object>> listParts(S3Client s3, APIGatewayV2HTTPEvent event) {
        List<Map<String, Object>> parts = new ArrayList<>();
        s3.listParts(b -> b.bucket(bucket()).key(event.getQueryStringParameters().get("key"))
                .uploadId(event.getPathParameters().get("uploadId"))).parts().forEach(p -> {
                    Map<String, Object> part = new LinkedHashMap<>();
                    part.put("PartNumber", p.partNumber());
                    part.put("Size", p.size());
                    part.put("ETag", p.eTag());
                    parts.add(part);
                });
        return parts;
    }

    private static Map<String, String> abort(S3Client s3, APIGatewayV2HTTPEvent event) {
        s3.abortMultipartUpload(b -> b.bucket(bucket()).key(event.getQueryStringParameters().get("key"))
                .uploadId(event.getPathParameters().get("uploadId")));
        return Map.of();
    }

    private static Map<String, String> presignPut(APIGatewayV2HTTPEvent event) {
        String key = "uploads/public/" + UUID.randomUUID() + "/" + event.getQueryStringParameters().get("filename");
        try (S3Presigner presigner = presigner()) {
            String url = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(r -> r.bucket(bucket()).key(key).contentType(event.getQueryStringParameters().get("type"))))
                    .url().toString();
            return Map.of("url", url, "key", key);
        }
    }

    private static S3Presigner presigner() {
        S3Presigner.Builder builder = S3Presigner.builder();
        endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    private static String bucket() {
        return System.getenv("BUCKET_NAME");
    }

    /** The endpoint override, when the environment sets one (local S3); without it, AWS's own endpoints. */
    private static Optional<URI> endpoint() {
        return Optional.ofNullable(System.getenv("S3_ENDPOINT_URL")).map(URI::create);
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
    }

    private static APIGatewayV2HTTPResponse response(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).build();
    }
}
