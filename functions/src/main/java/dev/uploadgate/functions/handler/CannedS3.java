package dev.uploadgate.functions.handler;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An HTTP client for SnapStart priming that never opens a socket: it answers each S3 call the
 * functions make with a fixed, valid S3 response, so priming runs the SDK's whole request path
 * (endpoint rules, marshalling, signing, response parsing) in memory. Every answer is a constant,
 * and the parts it lists are those the priming complete names, so it succeeds. It
 * records which operations it answered (tests check the calls priming made).
 */
final class CannedS3 implements SdkHttpClient {
    private static final String XMLNS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    /** Part 1 at S3's minimum part size, and a last part of 77 bytes. */
    static final long OBJECT_SIZE = 5_242_880L + 77;
    static final String OBJECT_ETAG = "\"0123456789abcdef0123456789abcdef-2\"";
    private static final String PART_ETAG = "&quot;0123456789abcdef0123456789abcdef&quot;";

    /** The upload the priming requests complete and list: it has two parts. */
    static final String UPLOAD_ID = "UHJpbWluZyB1cGxvYWQ.bXVsdGlwYXJ0";
    /** An upload with no part yet: listing it also asks S3 whether it is still open. */
    static final String EMPTY_UPLOAD_ID = "UHJpbWluZyBlbXB0eQ.bXVsdGlwYXJ0";

    private final List<String> operations = new ArrayList<>();

    /** The S3 operations answered so far, in order, such as {@code CreateMultipartUpload}. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        String operation = operation(http);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                operations.add(operation);
                return answer(operation, http);
            }

            @Override
            public void abort() {
                // Nothing in flight: every answer is ready at once.
            }
        };
    }

    @Override
    public String clientName() {
        return "PrimingCannedS3";
    }

    @Override
    public void close() {
        // Holds no connection, thread or file.
    }

    /** Which S3 operation a request is, from its method and its sub-resource query parameters. */
    private static String operation(SdkHttpRequest http) {
        Map<String, List<String>> query = http.rawQueryParameters();
        SdkHttpMethod method = http.method();
        if (method == SdkHttpMethod.POST && query.containsKey("uploads")) {
            return "CreateMultipartUpload";
        }
        if (method == SdkHttpMethod.POST && query.containsKey("uploadId")) {
            return "CompleteMultipartUpload";
        }
        if (method == SdkHttpMethod.GET && query.containsKey("uploadId")) {
            return "ListParts";
        }
        if (method == SdkHttpMethod.GET && query.containsKey("uploads")) {
            return "ListMultipartUploads";
        }
        if (method == SdkHttpMethod.HEAD) {
            return "HeadObject";
        }
        if (method == SdkHttpMethod.DELETE && query.containsKey("uploadId")) {
            return "AbortMultipartUpload";
        }
        return method + " " + http.encodedPath();
    }

    private static HttpExecuteResponse answer(String operation, SdkHttpRequest http) {
        return switch (operation) {
            case "CreateMultipartUpload" -> xml(200, "<InitiateMultipartUploadResult" + NS + "><Bucket>priming-bucket</Bucket>"
                    + "<Key>priming.bin</Key><UploadId>" + UPLOAD_ID + "</UploadId></InitiateMultipartUploadResult>");
            case "ListParts" -> xml(200, listParts(first(http, "uploadId").equals(EMPTY_UPLOAD_ID)));
            case "ListMultipartUploads" -> xml(200, "<ListMultipartUploadsResult" + NS + "><Bucket>priming-bucket</Bucket>"
                    + "<Prefix>" + escaped(first(http, "prefix")) + "</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>"
                    + "<Upload><Key>" + escaped(first(http, "prefix")) + "</Key><UploadId>" + EMPTY_UPLOAD_ID + "</UploadId>"
                    + "<Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass></Upload>"
                    + "</ListMultipartUploadsResult>");
            case "CompleteMultipartUpload" -> xml(200, "<CompleteMultipartUploadResult" + NS + ">"
                    + "<Location>https://priming.invalid/priming-bucket/priming.bin</Location><Bucket>priming-bucket</Bucket>"
                    + "<Key>priming.bin</Key><ETag>" + OBJECT_ETAG.replace("\"", "&quot;") + "</ETag></CompleteMultipartUploadResult>");
            case "HeadObject" -> response(SdkHttpFullResponse.builder().statusCode(200)
                    .putHeader("Content-Length", Long.toString(OBJECT_SIZE))
                    .putHeader("Content-Type", "application/octet-stream")
                    .putHeader("ETag", OBJECT_ETAG)
                    .putHeader("x-amz-checksum-crc32c", "AAAAAA==")
                    .putHeader("x-amz-checksum-type", "FULL_OBJECT")
                    .putHeader("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")
                    .putHeader("x-amz-request-id", "PRIMING"), null);
            case "AbortMultipartUpload" -> response(SdkHttpFullResponse.builder().statusCode(204)
                    .putHeader("x-amz-request-id", "PRIMING"), null);
            // A 400 (not retried): priming then answers an error, which its tests catch.
            default -> xml(400, "<Error><Code>InvalidRequest</Code><Message>no canned answer for " + escaped(operation)
                    + "</Message><RequestId>PRIMING</RequestId></Error>");
        };
    }

    private static String listParts(boolean empty) {
        StringBuilder xml = new StringBuilder("<ListPartsResult" + NS + "><Bucket>priming-bucket</Bucket><Key>priming.bin</Key>"
                + "<UploadId>" + UPLOAD_ID + "</UploadId><PartNumberMarker>0</PartNumberMarker>"
                + "<NextPartNumberMarker>" + (empty ? 0 : 2) + "</NextPartNumberMarker><MaxParts>1000</MaxParts>"
                + "<IsTruncated>false</IsTruncated><StorageClass>STANDARD</StorageClass>");
        if (!empty) {
            xml.append(part(1, 5_242_880L)).append(part(2, OBJECT_SIZE - 5_242_880L));
        }
        return xml.append("</ListPartsResult>").toString();
    }

    private static String part(int number, long size) {
        return "<Part><PartNumber>" + number + "</PartNumber><LastModified>2026-01-01T00:00:00.000Z</LastModified>"
                + "<ETag>" + PART_ETAG + "</ETag><Size>" + size + "</Size></Part>";
    }

    private static String first(SdkHttpRequest http, String name) {
        return http.firstMatchingRawQueryParameter(name).orElse("");
    }

    /** The prefix asked about (a key) is echoed, so the listing names the upload it was asked for. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static HttpExecuteResponse xml(int status, String body) {
        byte[] bytes = (XMLNS + body).getBytes(StandardCharsets.UTF_8);
        return response(SdkHttpFullResponse.builder().statusCode(status)
                .putHeader("Content-Type", "application/xml")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amz-request-id", "PRIMING"), bytes);
    }

    private static HttpExecuteResponse response(SdkHttpFullResponse.Builder response, byte[] body) {
        return HttpExecuteResponse.builder()
                .response(response.build())
                .responseBody(Optional.ofNullable(body).map(b -> AbortableInputStream.create(new ByteArrayInputStream(b))).orElse(null))
                .build();
    }
}
