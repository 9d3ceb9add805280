package dev.uploadgate.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * PUTs one part to its presigned URL, with its MD5 as {@code Content-MD5} (so S3 refuses bytes
 * changed on the way), retried under the policy, presigned again when S3 answers 403 (an expired
 * URL), and checked: the ETag S3 returns must be the part's MD5.
 */
final class PartSender {
    /** Fresh URLs asked for one part before a 403 counts as a refusal. */
    static final int MAX_PRESIGNS_AFTER_403 = 2;

    /** Enough of an error body for S3's XML code and message. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private final BlockingHttp http;
    private final Duration timeout;
    private final ApiClient api;
    private final RetryPolicy retryPolicy;
    private final boolean bindChecksums;

    PartSender(BlockingHttp http, Duration timeout, ApiClient api, RetryPolicy retryPolicy, boolean bindChecksums) {
        this.http = http;
        this.timeout = timeout;
        this.api = api;
        this.retryPolicy = retryPolicy;
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
                    throw new TransferException(TransferException.Kind.INTEGRITY, "S3 stored part " + partNumber + " with ETag " + etag
                            + ", not the MD5 of the bytes sent (" + Digests.hex(md5) + "); if the bucket uses SSE-KMS or SSE-C its"
                            + " ETags are not MD5s and this client cannot verify uploads to it", null);
                }
                return etag;
            } catch (UrlRefused e) {
                if (presigns >= MAX_PRESIGNS_AFTER_403) {
                    throw new TransferException(TransferException.Kind.REFUSED, what + " was refused with HTTP " + e.status
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
        return http.exchange("PUT", URI.create(url), headers, new BlockingHttp.Body(buffer, length, progress), timeout,
                answer -> {
                    int status = answer.status();
                    if (status == 200) {
                        String etag = answer.header("etag");
                        if (etag == null) {
                            throw new TransferException(TransferException.Kind.INTEGRITY, "S3 answered part " + partNumber
                                    + " without an ETag; if a proxy or CORS rule strips it, let ETag through", null);
                        }
                        return etag;
                    }
                    throw refusal(partNumber, status, answer.text(MAX_ERROR_BODY));
                });
    }

    /** What a non-200 answer to a part's PUT means: worth a retry, a fresh URL, or a refusal. */
    private RuntimeException refusal(int partNumber, int status, String body) throws Retries.Retryable {
        String code = s3ErrorCode(body);
        if (retryPolicy.isRetryableStatus(status) || (status == 400 && ("BadDigest".equals(code) || "RequestTimeout".equals(code)))) {
            // BadDigest: the bytes changed on the way; RequestTimeout: S3 gave up on a slow body. Both may pass next time.
            throw new Retries.Retryable("HTTP " + status + (code == null ? "" : " " + code));
        }
        if (status == 403) {
            return new UrlRefused(status, code == null ? "HTTP 403" : code + " " + s3ErrorMessage(body));
        }
        return new TransferException(TransferException.Kind.REFUSED, "S3 refused part " + partNumber + " with HTTP " + status
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
