package dev.uploadgate.functions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Issue 10's signer decision, cold start: presign-part's first answer in a fresh JVM, signed by
 * {@code UrlSigner} (the real {@code PresignPartHandler}) or by the SDK's {@code AwsV4HttpSigner}
 * ({@code SdkSignedPresignPartHandler}). A third series runs the real handler again: an A/A
 * control, whose difference from the first is what this machine's noise alone produces.
 *
 * <p>As on Lambda, without an endpoint override: no S3_ENDPOINT_URL, the bucket on AWS
 * (virtual-hosted URLs), session credentials in the environment, the template's
 * JAVA_TOOL_OPTIONS. The event is the recorded presign-part event for a sized upload with a CRC32C
 * and the part's checksum, so the URL signs content-length and x-amz-checksum-crc32c. Class path and launcher are the cold-start benchmark's
 * (what SAM packages, plus {@link ColdStartLauncher}); the variant's three bench classes are on
 * every series' class path. The series are interleaved in a rotating order, after one discarded
 * launch each. Three figures: the parent's wall time from process start to the launcher's response line,
 * and the process's CPU time at that line (the launcher's {@code CPU_MS}) and the CPU time of the
 * thread that ran the handler (its {@code MAIN_THREAD_CPU_MS}); the last two the load of other processes
 * on a shared machine changes far less than the first.
 *
 * <p>Arguments: {@code --runs N} (20), {@code --out DIR} (target/bench/signer), {@code --java17 HOME}
 * (the JDK the cold-start benchmark uses).
 */
public final class SignerColdStart {
    private static final String TEMPLATE_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private static final String OURS = "dev.uploadgate.functions.handler.PresignPartHandler";
    private static final String SDK = "dev.uploadgate.functions.handler.SdkSignedPresignPartHandler";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;
    private final int runs;
    private final Path java;

    private SignerColdStart(Path out, int runs, Path java) {
        this.out = out;
        this.runs = runs;
        this.java = java;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new SignerColdStart(Path.of(options.getOrDefault("out", "target/bench/signer")),
                Integer.parseInt(options.getOrDefault("runs", "20")),
                Path.of(options.getOrDefault("java17", "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "java")).run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        String classPath = classPath();
        Path event = boundEvent();
        Map<String, String> env = lambdaEnvironment();
        Map<String, Series> series = new LinkedHashMap<>();
        series.put("UrlSigner (A)", new Series(OURS));
        series.put("AwsV4HttpSigner (B)", new Series(SDK));
        series.put("UrlSigner again (A/A control)", new Series(OURS));
        List<Series> order = new ArrayList<>(series.values());
        for (Series s : order) {
            launch(classPath, s.handler, event, env);
        }
        String started = load();
        for (int run = 0; run < runs; run++) {
            System.err.printf(Locale.ROOT, "run %d/%d%n", run + 1, runs);
            for (int i = 0; i < order.size(); i++) {
                Series s = order.get((run + i) % order.size());
                s.samples.add(launch(classPath, s.handler, event, env));
            }
        }
        String table = table(series, started, load());
        System.out.println(table);
        Files.writeString(out.resolve("signer-coldstart.md"), table);
        StringBuilder raw = new StringBuilder("series,run,wall_ms,cpu_ms,main_thread_cpu_ms,classes\n");
        series.forEach((name, s) -> {
            for (int i = 0; i < s.samples.size(); i++) {
                Sample sample = s.samples.get(i);
                raw.append(String.format(Locale.ROOT, "%s,%d,%.1f,%.0f,%.1f,%d%n", name, i + 1, sample.millis(), sample.cpuMillis(),
                        sample.mainThreadCpuMillis(), sample.classes()));
            }
        });
        Files.writeString(out.resolve("signer-coldstart.csv"), raw);
    }

    private Sample launch(String classPath, String handler, Path event, Map<String, String> env) throws Exception {
        List<String> command = List.of(java.toString(),
                "-cp", classPath, ColdStartLauncher.class.getName(), handler, event.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(out.resolve("launch.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("S3_ENDPOINT_URL")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        double answeredMs = -1;
        double cpuMs = -1;
        double mainCpuMs = -1;
        int status = -1;
        int classes = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    answeredMs = (System.nanoTime() - started) / 1e6;
                } else if (line.startsWith("CPU_MS ")) {
                    cpuMs = Double.parseDouble(line.substring("CPU_MS ".length()).trim());
                } else if (line.startsWith("MAIN_THREAD_CPU_MS ")) {
                    mainCpuMs = Double.parseDouble(line.substring("MAIN_THREAD_CPU_MS ".length()).trim());
                } else if (line.startsWith("STATUS ")) {
                    status = Integer.parseInt(line.substring("STATUS ".length()).trim());
                } else if (line.startsWith("CLASSES ")) {
                    classes = Integer.parseInt(line.substring("CLASSES ".length()).trim());
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || answeredMs < 0 || cpuMs < 0 || mainCpuMs < 0 || status != 200) {
            throw new IllegalStateException("launch of " + handler + " failed (exit " + process.exitValue() + ", status " + status
                    + "); see " + out.resolve("launch.log"));
        }
        return new Sample(answeredMs, cpuMs, mainCpuMs, classes);
    }

    /** What Lambda's environment holds for the function: its settings, session credentials, the template's flags. */
    private static Map<String, String> lambdaEnvironment() {
        byte[] token = new byte[800];
        new Random(10).nextBytes(token);
        return Map.of("BUCKET_NAME", "uploads", "KEY_PREFIX", "uploads/", "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEBENCHKEY1", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_SESSION_TOKEN", Base64.getEncoder().encodeToString(token),
                "JAVA_TOOL_OPTIONS", TEMPLATE_JAVA_TOOL_OPTIONS);
    }

    /**
     * The recorded presign-part event (part 1 of a sized upload, so its length is bound) for an
     * upload with a CRC32C, with the part's checksum to bind: the URL signs
     * content-length;host;x-amz-checksum-crc32c.
     */
    private Path boundEvent() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of("..", "events", "presign-part.json").toFile());
        ObjectNode query = (ObjectNode) event.get("queryStringParameters");
        String key = query.get("key").asText();
        String sized = key.substring(0, key.lastIndexOf('/'));
        if (!sized.matches(".*\\.s[0-9]+-p[0-9]+")) {
            throw new IllegalStateException("the recorded event's key is not a sized upload's: " + key);
        }
        String withChecksum = sized + ".crc32c-full" + key.substring(key.lastIndexOf('/'));
        query.put("key", withChecksum).put("checksum", "yZRlqg==");
        event.put("rawQueryString", "key=" + URLEncoder.encode(withChecksum, StandardCharsets.UTF_8).replace("+", "%20")
                + "&checksum=yZRlqg%3D%3D");
        Path bound = out.resolve("event-presign-part-bound.json").toAbsolutePath();
        JSON.writeValue(bound.toFile(), event);
        return bound;
    }

    /** The cold-start benchmark's class path, plus a jar of the SDK variant's three classes. */
    private String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(jar(Path.of("target", "classes"), out.resolve("uploadgate-functions.jar"), name -> true));
        entries.addAll(Arrays.asList(Files.readString(Path.of("target", "bench", "runtime.classpath")).trim().split(File.pathSeparator)));
        entries.add(jar(Path.of("target", "test-classes"), out.resolve("bench-launcher.jar"),
                name -> name.startsWith("dev/uploadgate/functions/bench/")
                        || name.startsWith("dev/uploadgate/functions/handler/FixedContext")
                        || name.startsWith("dev/uploadgate/functions/handler/SdkSignedPresignPartHandler")
                        || name.startsWith("dev/uploadgate/functions/service/SdkUrlSigner")));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("aws-lambda-java-serialization")).forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    private static String jar(Path classes, Path jar, Predicate<String> include) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream target = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (include.test(name)) {
                    target.putNextEntry(new JarEntry(name));
                    target.write(Files.readAllBytes(path));
                    target.closeEntry();
                }
            }
        }
        return jar.toAbsolutePath().toString();
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String table(Map<String, Series> series, String loadBefore, String loadAfter) {
        Series a = series.get("UrlSigner (A)");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "presign-part, first answer in a fresh JVM (%d runs each; median [p10-p90] (min-max)); load average %s before, %s after%n%n",
                a.samples.size(), loadBefore, loadAfter));
        text.append("| series | metric | ms | median - A, ms | 95% bootstrap interval | classes |\n|---|---|---|---|---|---|\n");
        series.forEach((name, s) -> {
            text.append(row(name, "wall, start to response", a.millis(), s.millis(), s == a, s.medianClasses()));
            text.append(row(name, "process CPU at the response", a.cpuMillis(), s.cpuMillis(), s == a, s.medianClasses()));
            text.append(row(name, "handler thread CPU at the response", a.mainThreadCpuMillis(), s.mainThreadCpuMillis(), s == a,
                    s.medianClasses()));
        });
        return text.toString();
    }

    private static String row(String name, String metric, double[] a, double[] values, boolean isA, int classes) {
        double[] difference = isA ? null : medianDifference(a, values);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", name, metric, describe(values),
                difference == null ? "" : String.format(Locale.ROOT, "%+.0f", difference[0]),
                difference == null ? "" : String.format(Locale.ROOT, "[%+.0f, %+.0f]", difference[1], difference[2]), classes);
    }

    private static String describe(double[] values) {
        double[] ms = values.clone();
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f] (%.0f-%.0f)", percentile(ms, 50), percentile(ms, 10), percentile(ms, 90),
                ms[0], ms[ms.length - 1]);
    }

    /** median(b) - median(a), and its 2.5% and 97.5% bootstrap percentiles (10,000 resamples, fixed seed). */
    private static double[] medianDifference(double[] a, double[] b) {
        Random random = new Random(42);
        double[] differences = new double[10_000];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = median(resample(b, random)) - median(resample(a, random));
        }
        Arrays.sort(differences);
        return new double[] {median(b) - median(a), percentile(differences, 2.5), percentile(differences, 97.5)};
    }

    private static double[] resample(double[] values, Random random) {
        double[] drawn = new double[values.length];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = values[random.nextInt(values.length)];
        }
        return drawn;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Percentile of sorted values, linearly interpolated between ranks (as the cold-start benchmark's). */
    private static double percentile(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /** Wall ms from process start to the response line, the process's and the handler thread's CPU ms by then, loaded classes. */
    private record Sample(double millis, double cpuMillis, double mainThreadCpuMillis, int classes) {
    }

    private static final class Series {
        final String handler;
        final List<Sample> samples = new ArrayList<>();

        Series(String handler) {
            this.handler = handler;
        }

        double[] millis() {
            return samples.stream().mapToDouble(Sample::millis).toArray();
        }

        int medianClasses() {
            return (int) median(samples.stream().mapToDouble(Sample::classes).toArray());
        }

        double[] cpuMillis() {
            return samples.stream().mapToDouble(Sample::cpuMillis).toArray();
        }

        double[] mainThreadCpuMillis() {
            return samples.stream().mapToDouble(Sample::mainThreadCpuMillis).toArray();
        }
    }
}
