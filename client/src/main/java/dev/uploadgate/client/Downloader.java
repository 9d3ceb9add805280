package dev.uploadgate.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads objects through the API's presigned GET: the first range tells the object's size,
 * the rest come in parallel byte ranges and are written in order, to a file or any stream, with
 * at most {@code concurrency} ranges in memory. The bytes are verified against the object's
 * full-object CRC when it has one (else against a single-request object's MD5 ETag).
 *
 * <pre>{@code
 * Downloader downloader = Downloader.builder().apiUrl(URI.create("http://127.0.0.1:8080")).build();
 * DownloadResult result = downloader.download("uploads/public/abc/video.mp4", Path.of("video.mp4"));
 * }</pre>
 */
public final class Downloader {
    private final RangeFetcher fetcher;
    private final int concurrency;
    private final int rangeSize;
    private final Clock clock = Clock.systemUTC();

    private Downloader(RangeFetcher fetcher, int concurrency, int rangeSize) {
        this.fetcher = fetcher;
        this.concurrency = concurrency;
        this.rangeSize = rangeSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Downloads to a file, written beside it under a temporary name and moved into place when complete and verified. */
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

    /** Downloads to a stream (left open), in order; a failed check throws after the bytes were written. */
    public DownloadResult download(String key, OutputStream out) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(out, "out");
        Instant start = clock.instant();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, MultipartTransfer.daemonThreads("uploadgate-range"));
        try {
            RangeFetcher.ObjectUrl url = fetcher.url(key);
            AtomicLong received = new AtomicLong();
            RangeFetcher.Range first = fetcher.fetch(url, 0, rangeSize, null, received, -1, null);
            DownloadCheck check = DownloadCheck.of(key, url.checksum(), first.etag());
            Crc crc = check.crc();
            if (crc != null) {
                first = new RangeFetcher.Range(first.bytes(), first.length(), first.total(), first.etag(),
                        crc.of(first.bytes(), 0, first.length()));
            }
            write(out, check, first);
            long total = first.total();
            String etag = first.etag();
            Deque<Future<RangeFetcher.Range>> pending = new ArrayDeque<>();
            long next = first.length();
            while (next < total || !pending.isEmpty()) {
                while (next < total && pending.size() < concurrency) {
                    long offset = next;
                    pending.add(workers.submit(() -> fetcher.fetch(url, offset, rangeSize, etag, received, total, crc)));
                    next = Math.min(total, next + rangeSize);
                }
                write(out, check, await(pending.removeFirst()));
            }
            out.flush();
            String verifiedBy = check.finish();
            return new DownloadResult(key, total, etag, url.checksum(), verifiedBy != null,
                    verifiedBy != null ? verifiedBy : check.whyNot(), Duration.between(start, clock.instant()));
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL, "cannot write the download of " + key + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the download of " + key + " was cancelled", e);
        } finally {
            workers.shutdownNow();
        }
    }

    private static void write(OutputStream out, DownloadCheck check, RangeFetcher.Range range) throws IOException {
        out.write(range.bytes(), 0, range.length());
        check.add(range);
    }

    private static RangeFetcher.Range await(Future<RangeFetcher.Range> range) throws InterruptedException {
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
    public static final class Builder extends ClientBuilder<Builder> {
        private int rangeSize = 8 * 1024 * 1024;

        private Builder() {
        }

        @Override
        Builder self() {
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

        public Downloader build() {
            BlockingHttp http = new BlockingHttp(connectTimeout);
            ApiClient api = apiClient(http);
            return new Downloader(new RangeFetcher(http, api, retryPolicy, transferTimeout, concurrency, progress), concurrency,
                    rangeSize);
        }
    }
}
