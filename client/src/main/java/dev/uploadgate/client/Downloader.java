package dev.uploadgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Downloads objects through the API's presigned GET: the first range tells the object's size,
 * the rest come in parallel byte ranges and are written in order, to a file or any stream, with
 * at most {@code concurrency} ranges in memory. Objects with a plain-MD5 ETag are verified.
 *
 * <pre>{@code
 * Downloader downloader = Downloader.builder().apiUrl(URI.create("http://127.0.0.1:8080")).build();
 * DownloadResult result = downloader.download("uploads/public/abc/video.mp4", Path.of("video.mp4"));
 * }</pre>
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final BlockingHttp http;
    private final ApiClient api;
    private final RetryPolicy retryPolicy;
    private final Duration transferTimeout;
    private final int concurrency;
    private final int rangeSize;
    private final ProgressListener progress;
    private final Clock clock = Clock.systemUTC();

    private Downloader(Builder builder) {
        this.http = new BlockingHttp(builder.connectTimeout);
        this.api = new ApiClient(http, builder.apiUrl, builder.retryPolicy, builder.apiTimeout,
                ClientSettings.signer(builder.credentials, builder.region, builder.apiUrl));
        this.retryPolicy = builder.retryPolicy;
        this.transferTimeout = builder.transferTimeout;
        this.concurrency = builder.concurrency;
        this.rangeSize = builder.rangeSize;
        this.progress = builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Downloads to a file, written beside it under a temporary name and moved into place when complete. */
    public DownloadResult download(String key, Path target) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".download");
        try {
            DownloadResult result;
            try (OutputStream out = Files.newOutputStream(partial)) {
                result = download(key, out);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new TransferException(TransferException.Kind.LOCAL, "cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Downloads to a stream (left open), in order. */
    public DownloadResult download(String key, OutputStream out) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(out, "out");
        Instant start = clock.instant();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, MultipartTransfer.daemonThreads("uploadgate-range"));
        try {
            ObjectUrl url = new ObjectUrl(key);
            AtomicLong received = new AtomicLong();
            Range first = fetch(url, 0, rangeSize, null, received, -1);
            MessageDigest md5 = Digests.md5();
            write(out, md5, first.bytes(), first.length());
            long total = first.total();
            Deque<Future<Range>> pending = new ArrayDeque<>();
            long next = first.length();
            while (next < total || !pending.isEmpty()) {
                while (next < total && pending.size() < concurrency) {
                    long offset = next;
                    pending.add(workers.submit(() -> fetch(url, offset, rangeSize, first.etag(), received, total)));
                    next = Math.min(total, next + rangeSize);
                }
                Range range = await(pending.removeFirst());
                write(out, md5, range.bytes(), range.length());
            }
            out.flush();
            boolean verifiable = Digests.isPlainMd5(first.etag());
            if (verifiable && !Digests.hex(md5.digest()).equals(Digests.bareETag(first.etag()))) {
                throw new TransferException(TransferException.Kind.INTEGRITY, "the bytes received from " + key
                        + " do not have the MD5 of the object's ETag " + first.etag() + "; download it again", null);
            }
            return new DownloadResult(key, total, first.etag(), verifiable, Duration.between(start, clock.instant()));
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL, "cannot write the download of " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the download of " + key + " was cancelled", e);
        } finally {
            workers.shutdownNow();
        }
    }

    private record Range(byte[] bytes, int length, long total, String etag) {
    }

    /** The object's presigned URL, presigned again when S3 refuses it (expired). */
    private final class ObjectUrl {
        private final String key;
        private String url;
        private int presigns;

        ObjectUrl(String key) {
            this.key = key;
        }

        synchronized String current() throws InterruptedException {
            if (url == null) {
                url = api.downloadUrl(key).url();
            }
            return url;
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

    /**
     * One range, read whole into a new array. {@code expectedTotal} is -1 for the first range,
     * which also learns the object's size and ETag.
     */
    private Range fetch(ObjectUrl url, long offset, int maxLength, String etag, AtomicLong received, long expectedTotal)
            throws InterruptedException {
        String what = "GET of bytes " + offset + ".. of " + url.key;
        while (true) {
            try {
                return Retries.run(retryPolicy, what, () -> fetchOnce(url, offset, maxLength, etag, received, expectedTotal));
            } catch (UncheckedUrlRefused e) {
                // presign again (counted in ObjectUrl) and go on
            }
        }
    }

    private static final class UncheckedUrlRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedUrlRefused() {
            super(null, null, false, false);
        }
    }

    private Range fetchOnce(ObjectUrl url, long offset, int maxLength, String etag, AtomicLong received, long expectedTotal)
            throws IOException, Retries.Retryable, InterruptedException {
        String current = url.current();
        long last = expectedTotal < 0 ? offset + maxLength - 1 : Math.min(expectedTotal, offset + maxLength) - 1;
        Range range = http.exchange("GET", URI.create(current), Map.of("range", "bytes=" + offset + "-" + last), null,
                transferTimeout, answer -> {
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
                        throw new UncheckedUrlRefused();
                    }
                    String code = PartSender.s3ErrorCode(text);
                    throw new TransferException(TransferException.Kind.REFUSED, "S3 refused the download of " + url.key + " with HTTP "
                            + status + (code == null ? "" : " " + code) + ("NoSuchKey".equals(code) ? "; no object has this key" : ""),
                            null, status, code, null, null, false);
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
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + url.key + " changed during the"
                    + " download (ETag " + etag + ", then " + gotEtag + "); download it again", null);
        }
        if (expectedTotal >= 0 && total != expectedTotal) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + url.key + " changed during the"
                    + " download (" + expectedTotal + " bytes, then " + total + "); download it again", null);
        }
        int length = (int) (status == 200 ? total : Math.min(total - offset, maxLength));
        return new Range(readAll(answer.body(), length, received, total), length, total, gotEtag);
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
        return http.exchange("GET", URI.create(url), Map.of(), null, transferTimeout, answer -> {
            byte[] body = answer.body().readNBytes(1);
            if (answer.status() != 200 || body.length != 0) {
                throw new Retries.Retryable("a range of the object was refused (416) but the object is not empty (HTTP "
                        + answer.status() + ")");
            }
            return new Range(new byte[0], 0, 0, answer.header("etag") == null ? "" : answer.header("etag"));
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

    private static void write(OutputStream out, MessageDigest md5, byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        md5.update(bytes, 0, length);
    }

    private static Range await(Future<Range> range) throws InterruptedException {
        try {
            return range.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransferException u) {
                throw u;
            }
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("interrupted while downloading");
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing more to do: the caller gets the original failure.
        }
    }

    /** Builds a {@link Downloader}. Only the API URL is required. */
    public static final class Builder {
        private URI apiUrl;
        private int concurrency = 8;
        private int rangeSize = 8 * 1024 * 1024;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration apiTimeout = Duration.ofSeconds(30);
        private Duration transferTimeout = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private ProgressListener progress = ProgressListener.NONE;
        private AwsCredentialsProvider credentials;
        private String region;

        private Builder() {
        }

        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = ClientSettings.requireHttpUrl(apiUrl);
            return this;
        }

        /** Ranges in flight at once (1 to 64, default 8); memory is about this many ranges. */
        public Builder concurrency(int concurrency) {
            this.concurrency = ClientSettings.requireConcurrency(concurrency);
            return this;
        }

        /** Bytes per range request (64 KiB to 1 GiB, default 8 MiB). */
        public Builder rangeSize(long rangeSize) {
            if (rangeSize < 64 * 1024 || rangeSize > 1024 * 1024 * 1024) {
                throw new IllegalArgumentException("rangeSize must be from 65536 to 1073741824 bytes, not " + rangeSize);
            }
            this.rangeSize = (int) rangeSize;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder apiTimeout(Duration apiTimeout) {
            this.apiTimeout = ClientSettings.requirePositive("apiTimeout", apiTimeout);
            return this;
        }

        /** Time for one range to start answering (default 5 minutes). */
        public Builder transferTimeout(Duration transferTimeout) {
            this.transferTimeout = ClientSettings.requirePositive("transferTimeout", transferTimeout);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = ClientSettings.requirePositive("connectTimeout", connectTimeout);
            return this;
        }

        public Builder progressListener(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Signs API calls with SigV4 ({@code execute-api}); see {@link Uploader.Builder#credentials}. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Downloader build() {
            if (apiUrl == null) {
                throw new IllegalStateException("apiUrl is required");
            }
            return new Downloader(this);
        }
    }
}
