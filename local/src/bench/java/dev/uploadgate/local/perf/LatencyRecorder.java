package dev.uploadgate.local.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Latencies and errors per route, recorded by many threads at once, summarized at the end. */
final class LatencyRecorder {
    private final Map<String, ConcurrentLinkedQueue<Long>> nanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

    void record(String route, long elapsedNanos) {
        nanos.computeIfAbsent(route, r -> new ConcurrentLinkedQueue<>()).add(elapsedNanos);
    }

    void error(String route, String description) {
        errors.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
        if (firstErrors.size() < 20) {
            firstErrors.add(route + ": " + description);
        }
    }

    long requests() {
        return nanos.values().stream().mapToLong(ConcurrentLinkedQueue::size).sum();
    }

    long errors() {
        return errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    List<String> firstErrors() {
        return new ArrayList<>(firstErrors);
    }

    /** One row per route: count, errors, p50, p99 and max in milliseconds. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(nanos).forEach((route, queue) -> {
            long[] sorted = queue.stream().mapToLong(Long::longValue).sorted().toArray();
            AtomicLong failed = errors.get(route);
            rows.add(new Row(route, sorted.length, failed == null ? 0 : failed.get(),
                    millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)), millis(sorted[sorted.length - 1])));
        });
        return rows;
    }

    record Row(String route, long count, long errors, double p50, double p99, double max) {
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
