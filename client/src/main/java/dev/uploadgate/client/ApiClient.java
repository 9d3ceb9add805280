package dev.uploadgate.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The uploadgate HTTP API (see http-api.md), one method per route. Retries what the policy
 * retries; turns every refusal into an {@link TransferException} that carries the API's code and
 * message.
 */
final class ApiClient {
    /** Far more than any answer of the API (a batch of URLs is tens of KiB); a bound against a hostile server. */
    private static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final BlockingHttp http;
    private final URI baseUrl;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;
    private final ApiSigner signer;

    ApiClient(BlockingHttp http, URI baseUrl, RetryPolicy retryPolicy, Duration timeout, ApiSigner signer) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.signer = signer;
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The create answer; partSize to checksumType are absent from an API without them (or for an unsized upload). */
    record CreatedUpload(String key, String uploadId, Long partSize, Integer partCount, String checksumAlgorithm,
                         String checksumType) {
    }

    /** A batch of part URLs, with the headers each part's PUT must carry (by part number). */
    record PartUrls(Map<String, String> presignedUrls, long expires, Map<String, Map<String, String>> headers) {
        Map<String, String> headersOf(int partNumber) {
            return headers == null ? Map.of() : headers.getOrDefault(Integer.toString(partNumber), Map.of());
        }
    }

    record PartUrl(String url, long expires, Map<String, String> headers) {
    }

    record Completed(String location, String key, String bucket, String etag, long size, ObjectChecksum checksum) {
    }

    /** A part as list-parts answers it: its checksum, when S3 keeps one, under S3's member name for the algorithm. */
    record ListedPart(@JsonProperty("PartNumber") int partNumber, @JsonProperty("Size") long size,
                      @JsonProperty("ETag") String etag,
                      @JsonProperty("ChecksumCRC32C") String crc32c,
                      @JsonProperty("ChecksumCRC64NVME") String crc64nvme,
                      @JsonProperty("ChecksumSHA256") String sha256) {

        /**
         * Whether this part holds the bytes whose digests are given: by its checksum in the upload's
         * algorithm when the server lists one (S3 does; under SSE-KMS the ETag is no MD5), else by
         * its ETag, the MD5 of a part of an unencrypted or SSE-S3 bucket.
         *
         * @param value the part's value in the upload's algorithm (the MD5 itself for MD5 uploads)
         */
        boolean holds(ChecksumAlgorithm algorithm, PartDigest md5, PartDigest value) {
            String listed = switch (algorithm) {
                case CRC32C -> crc32c;
                case CRC64NVME -> crc64nvme;
                case SHA256 -> sha256;
                case MD5, NONE -> null;
            };
            return listed != null ? listed.equals(value.base64()) : Digests.bareETag(etag).equals(md5.hex());
        }
    }

    record DownloadUrl(String url, long expires, ObjectChecksum checksum) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record NewUpload(String filename, String type, Map<String, String> metadata, Long size, Long partSize,
                             String checksumAlgorithm, String checksumType) {
    }

    /** One part of a complete call: its ETag, and its checksum in the field of the upload's algorithm. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompletedPart(@JsonProperty("PartNumber") int partNumber, @JsonProperty("ETag") String etag,
                         @JsonProperty("ChecksumCRC32C") String crc32c, @JsonProperty("ChecksumCRC64NVME") String crc64nvme,
                         @JsonProperty("ChecksumSHA256") String sha256) {
        static CompletedPart of(int partNumber, String etag, ChecksumAlgorithm algorithm, PartDigest digest) {
            return switch (algorithm) {
                case CRC32C -> new CompletedPart(partNumber, etag, digest.base64(), null, null);
                case CRC64NVME -> new CompletedPart(partNumber, etag, null, digest.base64(), null);
                case SHA256 -> new CompletedPart(partNumber, etag, null, null, digest.base64());
                case MD5, NONE -> new CompletedPart(partNumber, etag, null, null, null);
            };
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Completion(List<CompletedPart> parts, String checksum) {
    }

    /**
     * Starts a multipart upload. {@code size} and {@code partSize} are null for a stream of unknown
     * length; {@code checksum} without an S3 name (MD5, NONE) asks for no S3 checksum.
     */
    CreatedUpload create(String filename, String contentType, Map<String, String> metadata, Long size, Long partSize,
                         ChecksumAlgorithm checksum) throws InterruptedException {
        NewUpload body = new NewUpload(filename, contentType, metadata.isEmpty() ? null : metadata, size, partSize,
                checksum.s3Name().orElse(null), checksum.type().orElse(null));
        return call("POST", "/s3/multipart", Map.of(), body, type(CreatedUpload.class));
    }

    /** URLs for these parts; {@code checksums} (base64, in the same order) are bound into their signatures when given. */
    PartUrls presignBatch(String key, String uploadId, List<Integer> partNumbers, List<String> checksums) throws InterruptedException {
        String numbers = partNumbers.stream().map(String::valueOf).collect(Collectors.joining(","));
        return call("GET", "/s3/multipart/" + segment(uploadId) + "/batch", query("key", key, "partNumbers", numbers,
                "checksums", checksums == null ? null : String.join(",", checksums)), null, type(PartUrls.class));
    }

    /** One part's URL with its length and MD5 bound into the signature. */
    PartUrl presignPart(String key, String uploadId, int partNumber, long contentLength, String contentMd5)
            throws InterruptedException {
        return call("GET", "/s3/multipart/" + segment(uploadId) + "/" + partNumber,
                query("key", key, "contentLength", Long.toString(contentLength), "contentMD5", contentMd5), null,
                type(PartUrl.class));
    }

    /**
     * One complete call, not retried here: the caller decides, because a retry after a timeout is
     * ambiguous. {@code checksum} is the whole object's (FULL_OBJECT uploads only), else null.
     */
    Completed completeOnce(String key, String uploadId, List<CompletedPart> parts, String checksum) throws InterruptedException {
        return call("POST", "/s3/multipart/" + segment(uploadId) + "/complete", query("key", key), new Completion(parts, checksum),
                type(Completed.class), RetryPolicy.none());
    }

    List<ListedPart> listParts(String key, String uploadId) throws InterruptedException {
        return call("GET", "/s3/multipart/" + segment(uploadId), query("key", key), null,
                Json.MAPPER.getTypeFactory().constructType(new TypeReference<List<ListedPart>>() { }));
    }

    void abort(String key, String uploadId) throws InterruptedException {
        call("DELETE", "/s3/multipart/" + segment(uploadId), query("key", key), null, type(JsonNode.class));
    }

    DownloadUrl downloadUrl(String key) throws InterruptedException {
        return call("GET", "/s3/download", query("key", key), null, type(DownloadUrl.class));
    }

    private <T> T call(String method, String path, Map<String, String> query, Object body, JavaType answer)
            throws InterruptedException {
        return call(method, path, query, body, answer, retryPolicy);
    }

    private <T> T call(String method, String path, Map<String, String> query, Object body, JavaType answer, RetryPolicy retryPolicy)
            throws InterruptedException {
        byte[] json = body == null ? null : writeJson(body);
        URI uri = uri(path, query);
        String what = "API call " + method + " " + uri.getRawPath();
        Reply reply = Retries.run(retryPolicy, what, () -> http.exchange(method, uri, headers(method, uri, json),
                json == null ? null : BlockingHttp.Body.of(json), timeout, received -> {
                    Reply r = new Reply(received.status(), received.body().readNBytes(MAX_ANSWER));
                    if (retryPolicy.isRetryableStatus(r.status())) {
                        throw new Retries.Retryable("HTTP " + r.status() + " " + errorText(r.body()));
                    }
                    return r;
                }));
        if (reply.status() / 100 != 2) {
            throw refusal(what, reply);
        }
        try {
            return Json.MAPPER.readValue(reply.body(), answer);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.TRANSFER, what + " answered " + reply.status()
                    + " with a body this client cannot read: " + e.getMessage()
                    + "; is " + baseUrl + " the uploadgate API?", e);
        }
    }

    /** An API answer: status and body. */
    private record Reply(int status, byte[] body) {
    }

    private Map<String, String> headers(String method, URI uri, byte[] json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        if (json != null) {
            headers.put("content-type", "application/json");
        }
        if (signer != null) {
            signer.sign(method, uri, headers, json).forEach((name, values) -> headers.put(name, String.join(",", values)));
        }
        return headers;
    }

    private TransferException refusal(String what, Reply response) {
        String code = null;
        String message = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode error = Json.MAPPER.readTree(response.body());
            if (error != null && error.hasNonNull("code")) {
                code = error.get("code").asText();
                message = error.path("message").asText("");
            }
        } catch (IOException e) {
            // Not the contract's JSON (a gateway's own page, say): show the text as it came.
        }
        String hint = switch (response.status()) {
            case 401 -> "; the API wants credentials: pass --sign (SigV4 with your AWS credentials) or check them";
            case 403 -> "; the key or upload is not yours, or your credentials are not allowed to call this API";
            case 404 -> "NoSuchUpload".equals(code) ? "; the upload was completed or aborted already" : "";
            default -> "";
        };
        return TransferException.refused(response.status(), code, what + " was refused: HTTP " + response.status()
                + (code == null ? "" : " " + code) + (message.isBlank() ? "" : ": " + truncate(message)) + hint);
    }

    private static String errorText(byte[] body) {
        return truncate(new String(body, StandardCharsets.UTF_8).strip());
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + ".." : text;
    }

    private static byte[] writeJson(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private URI uri(String path, Map<String, String> query) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String rawQuery = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private static JavaType type(Class<?> type) {
        return Json.MAPPER.getTypeFactory().constructType(type);
    }
}
