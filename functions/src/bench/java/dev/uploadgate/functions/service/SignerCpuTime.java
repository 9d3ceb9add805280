package dev.uploadgate.functions.service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link SignerBenchmark}'s pairs again, measured in thread CPU time instead of wall time, because
 * on a shared two-core machine JMH's wall-clock scores mostly measure how long the thread waited
 * for a core. One JVM (run it with the flags to measure) runs the benchmark bodies themselves,
 * ours and the SDK's alternating in short slices (ABBA order), after a warm-up of both, and prints
 * per pair the median CPU microseconds per operation of each side, their p10-p90, and the median
 * of the per-slice-pair ratios SDK/ours. Wall time per operation is printed beside it.
 *
 * <p>Arguments: {@code --slices N} (40 per side), {@code --slice-ms M} (CPU milliseconds per slice,
 * 50), {@code --warmup-s S} (5 per pair).
 */
public final class SignerCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile int sink;

    private SignerCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int slices = Integer.parseInt(options.getOrDefault("slices", "40"));
        long sliceNanos = Long.parseLong(options.getOrDefault("slice-ms", "50")) * 1_000_000;
        long warmupNanos = Long.parseLong(options.getOrDefault("warmup-s", "5")) * 1_000_000_000;
        System.out.printf(Locale.ROOT, "JVM flags: %s; %d slices of ~%d CPU ms per side; load average %s%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments(), slices, sliceNanos / 1_000_000, load());
        System.out.println("| pair | credentials | ours CPU us/op median [p10-p90] | SDK CPU us/op median [p10-p90] | SDK/ours (median of slice pairs) | wall us/op ours / SDK |");
        System.out.println("|---|---|---|---|---|---|");
        for (String credentials : List.of("session", "basic")) {
            SignerBenchmark bench = new SignerBenchmark();
            bench.credentials = credentials;
            bench.setUp();
            Map<String, Supplier<?>[]> pairs = new LinkedHashMap<>();
            pairs.put("one part, bound", new Supplier<?>[] {bench::oursOnePart, bench::sdkOnePart});
            pairs.put("batch of 100, bound", new Supplier<?>[] {bench::oursBatchOf100, bench::sdkBatchOf100});
            pairs.put("batch of 100, unbound", new Supplier<?>[] {bench::oursBatchOf100Unbound, bench::sdkBatchOf100Unbound});
            for (Map.Entry<String, Supplier<?>[]> pair : pairs.entrySet()) {
                System.out.println(measure(pair.getKey(), credentials, pair.getValue()[0], pair.getValue()[1], slices, sliceNanos, warmupNanos));
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %s%n", load());
    }

    private static String measure(String name, String credentials, Supplier<?> ours, Supplier<?> sdk, int slices, long sliceNanos,
                                  long warmupNanos) {
        long warmupEnd = System.nanoTime() + warmupNanos;
        while (System.nanoTime() < warmupEnd) {
            run(ours, 10);
            run(sdk, 10);
        }
        int oursOps = opsPerSlice(ours, sliceNanos);
        int sdkOps = opsPerSlice(sdk, sliceNanos);
        double[][] oursSlices = new double[slices][];
        double[][] sdkSlices = new double[slices][];
        for (int i = 0; i < slices; i++) {
            if (i % 2 == 0) {
                oursSlices[i] = run(ours, oursOps);
                sdkSlices[i] = run(sdk, sdkOps);
            } else {
                sdkSlices[i] = run(sdk, sdkOps);
                oursSlices[i] = run(ours, oursOps);
            }
        }
        double[] ratios = new double[slices];
        for (int i = 0; i < slices; i++) {
            ratios[i] = sdkSlices[i][0] / oursSlices[i][0];
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f [%.2f-%.2f] | %.1f / %.1f |", name, credentials,
                describe(column(oursSlices, 0)), describe(column(sdkSlices, 0)), percentile(ratios, 50), percentile(ratios, 10),
                percentile(ratios, 90), percentile(column(oursSlices, 1), 50), percentile(column(sdkSlices, 1), 50));
    }

    /** How many operations take about one slice of CPU time. */
    private static int opsPerSlice(Supplier<?> operation, long sliceNanos) {
        double perOp = run(operation, 20)[0] * 1000;
        return (int) Math.max(1, Math.min(1_000_000, sliceNanos / perOp));
    }

    /** Runs the operation n times; answers CPU and wall microseconds per operation. */
    private static double[] run(Supplier<?> operation, int n) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int hash = 0;
        for (int i = 0; i < n; i++) {
            hash += System.identityHashCode(operation.get());
        }
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
        double wallMicros = (System.nanoTime() - wall) / 1e3 / n;
        sink = hash;
        return new double[] {cpuMicros, wallMicros};
    }

    private static double[] column(double[][] rows, int column) {
        return Arrays.stream(rows).mapToDouble(row -> row[column]).toArray();
    }

    private static String describe(double[] values) {
        return String.format(Locale.ROOT, "%s [%s-%s]", number(percentile(values, 50)), number(percentile(values, 10)), number(percentile(values, 90)));
    }

    private static String number(double micros) {
        return micros >= 100 ? String.format(Locale.ROOT, "%,.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
