package dev.uploadgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches byte ranges of one object through its presigned GET: each range whole into a new array,
 * retried under the policy, presigned again when S3 answers 403 (an expired URL), and checked to
 * come from the same object (Content-Range, ETag, total size). When told a CRC, it computes the
 * range's CRC right after reading it, on the fetching thread, so ranges are hashed in parallel.
 */
final class RangeFetcher {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final BlockingHttp http;
    private final ApiClient api;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;
    private final int concurrency;
    private final ProgressListener progress;

    RangeFetcher(BlockingHttp http, ApiClient api, RetryPolicy retryPolicy, Duration timeout, int concurrency,
                 ProgressListener progress) {
        this.http = http;
        this.api = api;
        this.retryPolicy = retryPolicy;
        this.timeout = timeout;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** One range: {@code length} bytes of {@code bytes}, of an object of {@code total} bytes; {@code crc} when asked for. */
    record Range(byte[] bytes, int length, long total, String etag, long crc) {
    }

    /** The object's presigned URL, presigned again when S3 refuses it (expired); keeps the first answer's checksum. */
    final class ObjectUrl {
        private final String key;
        private String url;
        private ObjectChecksum checksum;
        private boolean presigned;
        private int presigns;

        ObjectUrl(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        synchronized String current() throws InterruptedException {
            if (url == null) {
                ApiClient.DownloadUrl answer = api.downloadUrl(key);
                if (!presigned) {
                    checksum = answer.checksum();
                    presigned = true;
                }
                url = answer.url();
            }
            return url;
        }

        /** The checksum S3 stores with the object, as the first presign answered it; null when it has none. */
        synchronized ObjectChecksum checksum() {
            return checksum;
        }

        synchronized void refused(String failed, int status, String detail) {
            if (!failed.equals(url)) {
                return; // another range already got a fresh one
            }
            if (++presigns > PartSender.MAX_PRESIGNS_AFTER_403 * Math.max(1, concurrency)) {
                throw new TransferException(TransferException.Kind.REFUSED, "S3 refused the download of " + key + " with HTTP "
                        + status + " even with fresh URLs: " + detail, null, status, PartSender.s3ErrorCode(detail), null, null, false);
            }
            url = null;
        }
    }

    ObjectUrl url(String key) {
        return new ObjectUrl(key);
    }

    /**
     * One range. {@code expectedTotal} is -1 for the first range, which also learns the object's
     * size and ETag; {@code crc} null for no CRC.
     */
    Range fetch(ObjectUrl url, long offset, int maxLength, String etag, AtomicLong received, long expectedTotal, Crc crc)
            throws InterruptedException {
        String what = "GET of bytes " + offset + ".. of " + url.key();
        while (true) {
            try {
                Range range = Retries.run(retryPolicy, what, () -> fetchOnce(url, offset, maxLength, etag, received, expectedTotal));
                return crc == null ? range : new Range(range.bytes(), range.length(), range.total(), range.etag(),
                        crc.of(range.bytes(), 0, range.length()));
            } catch (UrlRefused e) {
                // presign again (counted in ObjectUrl) and go on
            }
        }
    }

    private static final class UrlRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UrlRefused() {
            super(null, null, false, false);
        }
    }

    private Range fetchOnce(ObjectUrl url, long offset, int maxLength, String etag, AtomicLong received, long expectedTotal)
            throws IOException, Retries.Retryable, InterruptedException {
        String current = url.current();
        long last = expectedTotal < 0 ? offset + maxLength - 1 : Math.min(expectedTotal, offset + maxLength) - 1;
        Range range = http.exchange("GET", URI.create(current), Map.of("range", "bytes=" + offset + "-" + last), null,
                timeout, answer -> {
                    int status = answer.status();
                    if (status == 416 && offset == 0 && expectedTotal < 0) {
                        return null; // an empty object has no first byte: asked again whole below
                    }
                    if (status == 206 || status == 200 && offset == 0) {
                        return range(answer, url, offset, maxLength, etag, received, expectedTotal);
                    }
                    String text = answer.text(PartSender.MAX_ERROR_BODY);
                    if (retryPolicy.isRetryableStatus(status)) {
                        throw new Retries.Retryable("HTTP " + status);
                    }
                    if (status == 403) {
                        url.refused(current, status, text);
                        throw new UrlRefused();
                    }
                    String code = PartSender.s3ErrorCode(text);
                    throw new TransferException(TransferException.Kind.REFUSED, "S3 refused the download of " + url.key()
                            + " with HTTP " + status + (code == null ? "" : " " + code)
                            + ("NoSuchKey".equals(code) ? "; no object has this key" : ""), null, status, code, null, null, false);
                });
        return range != null ? range : emptyObject(current);
    }

    /** A 206 (or a 200 for the first range, from a server that ignores ranges) read whole, after its checks. */
    private Range range(BlockingHttp.Answer answer, ObjectUrl url, long offset, int maxLength, String etag, AtomicLong received,
                        long expectedTotal) throws IOException, Retries.Retryable {
        int status = answer.status();
        long total;
        if (status == 206) {
            String contentRange = answer.header("content-range");
            Matcher m = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange);
            if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                throw new Retries.Retryable("unexpected Content-Range " + (contentRange == null ? "(none)" : contentRange));
            }
            total = Long.parseLong(m.group(3));
        } else {
            total = contentLength(answer);
            if (total < 0 || total > Integer.MAX_VALUE - 64) {
                throw new TransferException(TransferException.Kind.TRANSFER, "the server ignores byte ranges and the object"
                        + " is too large to download in one piece", null);
            }
        }
        String gotEtag = answer.header("etag") == null ? "" : answer.header("etag");
        if (etag != null && !Digests.bareETag(etag).equals(Digests.bareETag(gotEtag))) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + url.key() + " changed during the"
                    + " download (ETag " + etag + ", then " + gotEtag + "); download it again", null);
        }
        if (expectedTotal >= 0 && total != expectedTotal) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + url.key() + " changed during the"
                    + " download (" + expectedTotal + " bytes, then " + total + "); download it again", null);
        }
        int length = (int) (status == 200 ? total : Math.min(total - offset, maxLength));
        return new Range(readAll(answer.body(), length, received, total), length, total, gotEtag, 0);
    }

    private static long contentLength(BlockingHttp.Answer answer) {
        try {
            String value = answer.header("content-length");
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Range emptyObject(String url) throws IOException, InterruptedException, Retries.Retryable {
        return http.exchange("GET", URI.create(url), Map.of(), null, timeout, answer -> {
            byte[] body = answer.body().readNBytes(1);
            if (answer.status() != 200 || body.length != 0) {
                throw new Retries.Retryable("a range of the object was refused (416) but the object is not empty (HTTP "
                        + answer.status() + ")");
            }
            return new Range(new byte[0], 0, 0, answer.header("etag") == null ? "" : answer.header("etag"), 0);
        });
    }

    private byte[] readAll(InputStream body, int length, AtomicLong received, long total) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        try {
            while (done < length) {
                int n = body.read(bytes, done, Math.min(64 * 1024, length - done));
                if (n < 0) {
                    throw new IOException("the body ended after " + done + " of " + length + " bytes");
                }
                done += n;
                progress.onProgress(received.addAndGet(n), total);
            }
        } catch (IOException e) {
            progress.onProgress(received.addAndGet(-done), total);
            throw e;
        }
        return bytes;
    }
}
