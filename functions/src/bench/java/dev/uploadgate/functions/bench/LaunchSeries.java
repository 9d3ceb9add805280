package dev.uploadgate.functions.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One combination of the cold-start benchmark (function, variant, handler kind): how it launches, and its samples. */
final class LaunchSeries {
    final Path java;
    final boolean primed;
    final boolean endpoint;
    final List<String> flags;
    private final List<Sample> samples = new ArrayList<>();

    LaunchSeries(Path java, boolean primed, boolean endpoint, List<String> flags) {
        this.java = java;
        this.primed = primed;
        this.endpoint = endpoint;
        this.flags = flags;
    }

    /** One launch: milliseconds from process start to the response line, its status and class count. */
    record Sample(double millis, int status, int classes) {
    }

    void add(Sample sample) {
        samples.add(sample);
    }

    double median() {
        return percentile(sorted(), 50);
    }

    int classes() {
        return (int) percentile(samples.stream().mapToDouble(Sample::classes).sorted().toArray(), 50);
    }

    String statuses() {
        return samples.stream().map(s -> Integer.toString(s.status())).distinct().collect(Collectors.joining("/"));
    }

    /** median [p10-p90] (min-max), in ms. */
    String describe() {
        double[] ms = sorted();
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f] (%.0f-%.0f)", percentile(ms, 50), percentile(ms, 10),
                percentile(ms, 90), ms[0], ms[ms.length - 1]);
    }

    private double[] sorted() {
        return samples.stream().mapToDouble(Sample::millis).sorted().toArray();
    }

    /** Nearest-rank percentile with linear interpolation. */
    private static double percentile(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
