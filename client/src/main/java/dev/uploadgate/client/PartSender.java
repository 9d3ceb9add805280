package dev.uploadgate.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * PUTs one part to its presigned URL with every header the API bound (its length, its checksum),
 * retried under the policy, presigned again when S3 answers 403 (an expired URL), and checked
 * against what S3 answers: the part's checksum header for an S3 checksum, the ETag for MD5.
 * S3 refuses bytes that do not match the bound checksum ({@code BadDigest}); such a part is sent
 * again from the same buffer, and if S3 keeps refusing it the upload fails, never storing them.
 */
final class PartSender {
    /** Fresh URLs asked for one part before a 403 counts as a refusal. */
    static final int MAX_PRESIGNS_AFTER_403 = 2;

    /** Enough of an error body for S3's XML code and message. */
    static final int MAX_ERROR_BODY = 64 * 1024;

    private final BlockingHttp http;
    private final Duration timeout;
    private final RetryPolicy retryPolicy;

    PartSender(BlockingHttp http, Duration timeout, RetryPolicy retryPolicy) {
        this.http = http;
        this.timeout = timeout;
        this.retryPolicy = retryPolicy;
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
     * Sends {@code length} bytes of {@code buffer} as part {@code partNumber} of {@code upload} and
     * returns the ETag S3 gave it, once S3's answer is seen to match {@code digest}.
     */
    String send(MultipartUpload upload, PartUrls urls, int partNumber, byte[] buffer, int length, PartDigest digest,
                LongConsumer progress) throws InterruptedException {
        String what = "PUT of part " + partNumber + " of upload " + upload.uploadId();
        AtomicBoolean badDigest = new AtomicBoolean();
        for (int presigns = 0; ; presigns++) {
            PartUrls.Target target = urls.target(partNumber, length, digest);
            try {
                return Retries.run(retryPolicy, what, () -> attempt(upload.checksum(), target, partNumber, buffer, length, digest,
                        progress, badDigest));
            } catch (UrlRefused e) {
                if (presigns >= MAX_PRESIGNS_AFTER_403) {
                    throw new TransferException(TransferException.Kind.REFUSED, what + " was refused with HTTP " + e.status
                            + " even with a freshly presigned URL: " + e.getMessage()
                            + "; check that the API's clock and credentials are right", null, e.status, "AccessDenied", null, null, false);
                }
                urls.refused(partNumber);
            } catch (TransferException e) {
                if (badDigest.get()) {
                    throw new TransferException(TransferException.Kind.INTEGRITY, "S3 refused every copy of part " + partNumber
                            + " (BadDigest): the bytes that reached it did not match the " + checksumName(upload.checksum())
                            + " computed from the file as it was read, so something between this client and S3 changes them;"
                            + " nothing was stored from them (" + e.getMessage() + ")", e, 400, "BadDigest", null, null, false);
                }
                throw e;
            }
        }
    }

    private String attempt(ChecksumAlgorithm algorithm, PartUrls.Target target, int partNumber, byte[] buffer, int length,
                           PartDigest digest, LongConsumer progress, AtomicBoolean badDigest)
            throws IOException, Retries.Retryable, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>(target.headers());
        if (algorithm == ChecksumAlgorithm.MD5) {
            headers.putIfAbsent("content-md5", digest.base64());
        }
        return http.exchange("PUT", URI.create(target.url()), headers, new BlockingHttp.Body(buffer, length, progress), timeout,
                answer -> {
                    int status = answer.status();
                    if (status != 200) {
                        String body = answer.text(MAX_ERROR_BODY);
                        badDigest.set(status == 400 && "BadDigest".equals(s3ErrorCode(body)));
                        throw refusal(partNumber, status, body);
                    }
                    badDigest.set(false);
                    String etag = answer.header("etag");
                    if (etag == null) {
                        throw new TransferException(TransferException.Kind.INTEGRITY, "S3 answered part " + partNumber
                                + " without an ETag; if a proxy or CORS rule strips it, let ETag through", null);
                    }
                    requireMatch(algorithm, partNumber, digest, etag, algorithm.isS3Checksum() ? answer.header(algorithm.header()) : null);
                    return etag;
                });
    }

    /**
     * S3's answer against the bytes sent: the checksum it answers for the part (S3 and S3Proxy echo
     * the header they checked), or, for MD5, the ETag.
     */
    private static void requireMatch(ChecksumAlgorithm algorithm, int partNumber, PartDigest digest, String etag, String answered) {
        if (algorithm.isS3Checksum() && (answered == null || !answered.strip().equals(digest.base64()))) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "S3 answered part " + partNumber + " with "
                    + (answered == null ? "no " + algorithm.header() + " header" : algorithm.s3Name().orElseThrow() + " " + answered)
                    + ", not the " + digest.base64() + " of the bytes sent; if a proxy strips that header, let it through"
                    + " (or use --checksum md5)", null);
        }
        if (algorithm == ChecksumAlgorithm.MD5 && !Digests.bareETag(etag).equals(digest.hex())) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "S3 stored part " + partNumber + " with ETag " + etag
                    + ", not the MD5 of the bytes sent (" + digest.hex() + "); if the bucket uses SSE-KMS or SSE-C its"
                    + " ETags are not MD5s: use --checksum crc32c (ChecksumAlgorithm.CRC32C)", null);
        }
    }

    private static String checksumName(ChecksumAlgorithm algorithm) {
        return algorithm.s3Name().orElse(algorithm == ChecksumAlgorithm.MD5 ? "Content-MD5" : "checksum");
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
