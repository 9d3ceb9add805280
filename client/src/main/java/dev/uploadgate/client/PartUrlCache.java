package dev.uploadgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * Presigned part URLs that do not depend on the parts' bytes (MD5 sent as a plain header, or no
 * integrity fields), fetched with the batch route 100 at a time and ahead of need: when a part
 * past the middle of its batch asks for its URL, the next batch is fetched in the background, so
 * the part workers seldom wait for the API. A URL close to its expiry, or one S3 refused with 403,
 * is replaced by a fresh one.
 */
final class PartUrlCache implements PartUrls {
    static final int BATCH = 100;

    private final ApiClient api;
    private final String key;
    private final String uploadId;
    private final IntPredicate needed;
    private final int lastPart;
    private final ExecutorService background;
    private final Clock clock;
    private final Map<Integer, Entry> urls = new HashMap<>();
    private final Map<Integer, CompletableFuture<Void>> batches = new HashMap<>();

    private record Entry(String url, Map<String, String> headers, Instant expiresAt, Duration lifetime) {
        boolean usableAt(Instant now) {
            // Keep a margin for the PUT itself: a quarter of the lifetime, at most a minute.
            Duration margin = lifetime.dividedBy(4).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : lifetime.dividedBy(4);
            return now.plus(margin).isBefore(expiresAt);
        }
    }

    /**
     * @param needed   which part numbers will be sent (a resume skips the finished ones)
     * @param lastPart the highest part number there can be (10,000 when the size is unknown)
     */
    PartUrlCache(ApiClient api, String key, String uploadId, IntPredicate needed, int lastPart,
                 ExecutorService background, Clock clock) {
        this.api = api;
        this.key = key;
        this.uploadId = uploadId;
        this.needed = needed;
        this.lastPart = lastPart;
        this.background = background;
        this.clock = clock;
    }

    @Override
    public Target target(int partNumber, long length, PartDigest digest) throws InterruptedException {
        int batch = (partNumber - 1) / BATCH;
        if ((partNumber - 1) % BATCH >= BATCH / 2) {
            batchFuture(batch + 1);
        }
        Entry entry;
        synchronized (this) {
            entry = urls.get(partNumber);
        }
        if (entry == null) {
            await(batchFuture(batch));
            synchronized (this) {
                entry = urls.get(partNumber);
            }
        }
        if (entry == null || !entry.usableAt(clock.instant())) {
            entry = fetch(List.of(partNumber)).get(partNumber);
        }
        return new Target(entry.url(), entry.headers());
    }

    @Override
    public synchronized void refused(int partNumber) {
        urls.remove(partNumber);
    }

    private synchronized CompletableFuture<Void> batchFuture(int batch) {
        int first = batch * BATCH + 1;
        if (first > lastPart) {
            return CompletableFuture.completedFuture(null);
        }
        return batches.computeIfAbsent(batch, b -> {
            List<Integer> parts = new ArrayList<>();
            for (int p = first; p <= Math.min(lastPart, first + BATCH - 1); p++) {
                if (needed.test(p)) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.runAsync(() -> {
                try {
                    fetch(parts);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }, background);
        });
    }

    private Map<Integer, Entry> fetch(List<Integer> parts) throws InterruptedException {
        Instant asked = clock.instant();
        ApiClient.PartUrls answer = api.presignBatch(key, uploadId, parts, null);
        Duration lifetime = Duration.ofSeconds(answer.expires());
        Map<Integer, Entry> fetched = new HashMap<>();
        answer.presignedUrls().forEach((number, url) -> fetched.put(Integer.valueOf(number),
                new Entry(url, answer.headersOf(Integer.parseInt(number)), asked.plus(lifetime), lifetime)));
        for (int part : parts) {
            if (!fetched.containsKey(part)) {
                throw new TransferException(TransferException.Kind.TRANSFER, "the API's batch presign answer has no URL for part "
                        + part + "; is " + api.baseUrl() + " the uploadgate API?", null);
            }
        }
        synchronized (this) {
            urls.putAll(fetched);
        }
        return fetched;
    }

    private void await(CompletableFuture<Void> batch) throws InterruptedException {
        try {
            batch.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            synchronized (this) {
                // A failed batch is asked again by the next part that needs it.
                batches.values().remove(batch);
            }
            if (cause instanceof TransferException u) {
                throw u;
            }
            if (cause instanceof InterruptedException) {
                throw new InterruptedException("interrupted while presigning");
            }
            throw new IllegalStateException("presigning failed", cause);
        }
    }
}
