package dev.uploadgate.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * PUTs one part to its presigned URL, with its MD5 as {@code Content-MD5} (so S3 refuses bytes
 * changed on the way), retried under the policy, presigned again when S3 answers 403 (an expired
 * URL), and checked: the ETag S3 returns must be the part's MD5.
 */
final class PartSender {
    /** Fresh URLs asked for one part before a 403 counts as a refusal. */
    static final int MAX_PRESIGNS_AFTER_403 = 2;

    private final HttpClient http;
    private final ApiClient api;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;
    private final boolean bindChecksums;

    PartSender(HttpClient http, ApiClient api, RetryPolicy retryPolicy, Duration timeout, boolean bindChecksums) {
        this.http = http;
        this.api = api;
        this.retryPolicy = retryPolicy;
        this.timeout = timeout;
        this.bindChecksums = bindChecksums;
    }

    /** S3 refused the URL; a fresh one may do. */
    private static final class UrlRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        UrlRefused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /**
     * Sends {@code length} bytes of {@code buffer} as part {@code partNumber} and returns the ETag
     * S3 gave it, once it is known to equal {@code md5}.
     */
    String send(String key, String uploadId, PartUrlCache urls, int partNumber, byte[] buffer, int length, byte[] md5,
                LongConsumer progress) throws InterruptedException {
        String contentMd5 = Digests.base64(md5);
        String what = "PUT of part " + partNumber + " of upload " + uploadId;
        for (int presigns = 0; ; presigns++) {
            try {
                String etag = Retries.run(retryPolicy, what, () -> attempt(key, uploadId, urls, partNumber, buffer, length,
                        contentMd5, progress));
                if (!Digests.bareETag(etag).equals(Digests.hex(md5))) {
                    throw new UploadException(UploadException.Kind.INTEGRITY, "S3 stored part " + partNumber + " with ETag " + etag
                            + ", not the MD5 of the bytes sent (" + Digests.hex(md5) + "); if the bucket uses SSE-KMS or SSE-C its"
                            + " ETags are not MD5s and this client cannot verify uploads to it", null);
                }
                return etag;
            } catch (UrlRefused e) {
                if (presigns >= MAX_PRESIGNS_AFTER_403) {
                    throw new UploadException(UploadException.Kind.REFUSED, what + " was refused with HTTP " + e.status
                            + " even with a freshly presigned URL: " + e.getMessage()
                            + "; check that the API's clock and credentials are right", null, e.status, "AccessDenied", null, null, false);
                }
                urls.refused(partNumber);
            }
        }
    }

    private String attempt(String key, String uploadId, PartUrlCache urls, int partNumber, byte[] buffer, int length,
                           String contentMd5, LongConsumer progress) throws IOException, Retries.Retryable, InterruptedException {
        String url;
        Map<String, String> headers;
        if (bindChecksums) {
            ApiClient.PartUrl signed = api.presignPart(key, uploadId, partNumber, length, contentMd5);
            url = signed.url();
            headers = signed.headers() == null ? Map.of("content-md5", contentMd5) : signed.headers();
        } else {
            url = urls.urlFor(partNumber);
            headers = Map.of("content-md5", contentMd5);
        }
        AtomicLong sent = new AtomicLong();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .PUT(new ArrayBodyPublisher(buffer, 0, length, n -> {
                    sent.addAndGet(n);
                    progress.accept(n);
                }));
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            progress.accept(-sent.get());
            throw e;
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.headers().firstValue("etag").orElseThrow(() -> new UploadException(UploadException.Kind.INTEGRITY,
                    "S3 answered part " + partNumber + " without an ETag; if a proxy or CORS rule strips it, let ETag through", null));
        }
        progress.accept(-sent.get());
        String body = response.body() == null ? "" : response.body();
        String code = s3ErrorCode(body);
        if (retryPolicy.isRetryableStatus(status) || (status == 400 && ("BadDigest".equals(code) || "RequestTimeout".equals(code)))) {
            // BadDigest: the bytes changed on the way; RequestTimeout: S3 gave up on a slow body. Both may pass next time.
            throw new Retries.Retryable("HTTP " + status + (code == null ? "" : " " + code));
        }
        if (status == 403) {
            throw new UrlRefused(status, code == null ? "HTTP 403" : code + " " + s3ErrorMessage(body));
        }
        throw new UploadException(UploadException.Kind.REFUSED, "S3 refused part " + partNumber + " with HTTP " + status
                + (code == null ? "" : " " + code + ": " + s3ErrorMessage(body))
                + ("NoSuchUpload".equals(code) ? "; the upload was aborted or completed meanwhile" : ""),
                null, status, code, null, null, false);
    }

    static String s3ErrorCode(String xml) {
        return element(xml, "Code");
    }

    static String s3ErrorMessage(String xml) {
        String message = element(xml, "Message");
        return message == null ? "" : message;
    }

    private static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        return start < 0 || end < start ? null : xml.substring(start + name.length() + 2, end).strip();
    }
}
