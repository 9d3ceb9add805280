package dev.uploadgate.client;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Which part checksum costs the least CPU on this JVM, as the client computes it: 8 MiB parts fed
 * in 256 KiB chunks through {@link PartHash}. Never part of {@code mvn verify}; run it with
 * {@code client/bench.sh --checksums [--rounds 7] [--mib 256]}. Each round hashes {@code --mib}
 * MiB with every algorithm in turn (order rotated per round, after a warm-up that lets the JIT
 * compile everything), and the table gives each algorithm's median CPU time per GiB (thread CPU
 * time, so other processes on the machine do not count) and the throughput that makes.
 */
public final class ChecksumBenchmark {
    private static final int PART = 8 * 1024 * 1024;

    private ChecksumBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = intOption(args, "--rounds", 7);
        int mib = intOption(args, "--mib", 256);
        byte[] part = new byte[PART];
        new Random(1).nextBytes(part);
        List<ChecksumAlgorithm> algorithms = List.of(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME,
                ChecksumAlgorithm.MD5, ChecksumAlgorithm.SHA256);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (ChecksumAlgorithm algorithm : algorithms) {
                sink += hash(algorithm, part, 64);
            }
        }
        double[][] cpuSecondsPerGib = new double[algorithms.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < algorithms.size(); i++) {
                int which = (i + round) % algorithms.size();
                long before = threads.getCurrentThreadCpuTime();
                sink += hash(algorithms.get(which), part, mib);
                long cpu = threads.getCurrentThreadCpuTime() - before;
                cpuSecondsPerGib[which][round] = cpu / 1e9 * 1024.0 / mib;
            }
        }
        System.out.printf(Locale.ROOT, "%s %s, %d rounds of %d MiB each, in 8 MiB parts of 256 KiB updates (checksum %d)%n%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, mib, sink & 0xff);
        System.out.println("| algorithm | median CPU s per GiB | min | max | MB/s (median) |");
        System.out.println("|---|---|---|---|---|");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < algorithms.size(); i++) {
            double[] sorted = cpuSecondsPerGib[i].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            lines.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.0f |", algorithms.get(i), median, sorted[0],
                    sorted[sorted.length - 1], 1024.0 * 1024 * 1024 / median / 1e6));
        }
        lines.forEach(System.out::println);
    }

    /** Hashes {@code mib} MiB as parts of the client would be hashed; returns a byte of the results so nothing is optimised away. */
    private static long hash(ChecksumAlgorithm algorithm, byte[] part, int mib) {
        long sink = 0;
        for (int done = 0; done < mib; done += PART / (1024 * 1024)) {
            PartHash hash = PartHash.of(algorithm);
            for (int offset = 0; offset < part.length; offset += Digests.UPDATE_CHUNK) {
                hash.update(part, offset, Math.min(Digests.UPDATE_CHUNK, part.length - offset));
            }
            sink += hash.finish().value()[0];
        }
        return sink;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
