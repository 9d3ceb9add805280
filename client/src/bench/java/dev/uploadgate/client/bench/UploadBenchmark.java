package dev.uploadgate.client.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload benchmark (issue 3), never part of {@code mvn verify}: one S3 server (local mode's
 * embedded S3Proxy), one file, three uploaders, each in its own process measured by
 * {@code /usr/bin/time -v}: this client's CLI, the AWS SDK for Java's multipart upload
 * ({@link SdkMultipartUpload}), and {@code aws s3 cp}; same part size and concurrency for all.
 * Prints a Markdown table of wall seconds, MB/s, CPU seconds and peak RSS. Run it with
 * {@code client/bench.sh} (see there for options).
 */
public final class UploadBenchmark {
    private static final Pattern API_LINE = Pattern.compile("API (http://\\S+)");
    private static final Pattern S3_LINE = Pattern.compile("S3 (http://\\S+) bucket=(\\S+) access-key=(\\S+) secret-key=(\\S+)");

    private record Server(Process process, String api, String s3, String bucket, String accessKey, String secretKey) {
    }

    private record Measured(String tool, int exit, double wallSeconds, double cpuSeconds, long peakRssKib, String output) {
    }

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long size = parseSize(options.getOrDefault("size", "1GiB"));
        long partSize = parseSize(options.getOrDefault("part-size", "8MiB"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "1"));
        Path work = Path.of(options.getOrDefault("work", "/tmp/uploadgate-bench"));
        Path uploadJar = Path.of(options.getOrDefault("upload-jar", "target/upload.jar")).toAbsolutePath();
        Path localJar = Path.of(options.getOrDefault("local-jar", "../local/target/local.jar")).toAbsolutePath();
        boolean standIn = options.containsKey("stand-in");
        Files.createDirectories(work);
        Path file = testFile(work.resolve("bench-" + size + ".bin"), size);

        Server server = startServer(standIn, localJar, work.resolve("s3-data"));
        try {
            List<Measured> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Measured client = measure("uploadgate client (upload.jar)", work, List.of(java(), "-jar", uploadJar.toString(), "upload",
                        file.toString(), "--api", server.api(), "--part-size", Long.toString(partSize),
                        "--concurrency", Integer.toString(concurrency), "--json"), Map.of());
                results.add(client);
                Matcher key = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(client.output());
                deleteObject(work, server, key.find() ? key.group(1) : null);
                results.add(measure("AWS SDK for Java 2.x multipart (S3AsyncClient)", work, List.of(java(), "-cp",
                        System.getProperty("java.class.path"), SdkMultipartUpload.class.getName(), server.s3(), server.bucket(),
                        server.accessKey(), server.secretKey(), file.toString(), "bench/sdk-" + run + ".bin",
                        Long.toString(partSize), Integer.toString(concurrency)), Map.of()));
                deleteObject(work, server, "bench/sdk-" + run + ".bin");
                results.add(measure("aws s3 cp (AWS CLI v1)", work, List.of("aws", "--endpoint-url", server.s3(), "s3", "cp",
                        file.toString(), "s3://" + server.bucket() + "/bench/awscli-" + run + ".bin", "--only-show-errors"),
                        awsCliEnvironment(work, server, partSize, concurrency)));
                deleteObject(work, server, "bench/awscli-" + run + ".bin");
            }
            report(results, size, partSize, concurrency, standIn);
        } finally {
            server.process().destroy();
            server.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("stand-in")) {
                options.put(name, "true");
            } else {
                options.put(name, args[++i]);
            }
        }
        return options;
    }

    private static long parseSize(String text) {
        Matcher m = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)?").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Random bytes (incompressible), written once and reused by later runs. */
    private static Path testFile(Path file, long size) throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return file;
        }
        byte[] chunk = new byte[8 << 20];
        Random random = new Random(2024);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    private static Server startServer(boolean standIn, Path localJar, Path data) throws IOException, InterruptedException {
        List<String> command;
        if (standIn) {
            command = List.of(java(), "-cp", System.getProperty("java.class.path"), "dev.uploadgate.client.testing.LocalModeStandIn");
        } else {
            if (!Files.exists(localJar)) {
                throw new IllegalStateException(localJar + " does not exist: build local mode (cd local && mvn package), pass"
                        + " --local-jar PATH, or run against the in-repo stand-in with --stand-in");
            }
            Files.createDirectories(data);
            command = List.of(java(), "-jar", localJar.toString(), "--port", "0", "--data", data.toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String api = null;
        Matcher s3 = null;
        for (String line; (api == null || s3 == null) && (line = lines.readLine()) != null; ) {
            Matcher a = API_LINE.matcher(line);
            Matcher s = S3_LINE.matcher(line);
            if (a.find()) {
                api = a.group(1);
            } else if (s.find()) {
                s3 = s;
            }
        }
        if (api == null || s3 == null) {
            process.destroy();
            throw new IllegalStateException("the server did not print its API and S3 lines");
        }
        Thread drain = new Thread(() -> {
            try {
                lines.transferTo(new StringWriter());
            } catch (IOException e) {
                // the server went away
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Server(process, api, s3.group(1), s3.group(2), s3.group(3), s3.group(4));
    }

    private static Map<String, String> awsCliEnvironment(Path work, Server server, long partSize, int concurrency) throws IOException {
        Path config = work.resolve("aws-config");
        Files.writeString(config, String.join("\n",
                "[default]",
                "region = us-east-1",
                "s3 =",
                "  multipart_threshold = " + partSize,
                "  multipart_chunksize = " + partSize,
                "  max_concurrent_requests = " + concurrency,
                "  addressing_style = path",
                ""));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_ACCESS_KEY_ID", server.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", server.secretKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        return env;
    }

    /** Keeps the server's disk from filling with copies of the file, which slows later runs. */
    private static void deleteObject(Path work, Server server, String key) throws IOException, InterruptedException {
        if (key == null) {
            return;
        }
        ProcessBuilder rm = new ProcessBuilder("aws", "--endpoint-url", server.s3(), "s3", "rm", "s3://" + server.bucket() + "/" + key,
                "--only-show-errors").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        rm.environment().putAll(awsCliEnvironment(work, server, 8 << 20, 1));
        rm.start().waitFor();
    }

    private static Measured measure(String tool, Path work, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        Path timeReport = work.resolve("time.txt");
        Path output = work.resolve("output.txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeReport.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        System.err.println("running " + tool + " ..");
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String report = Files.readString(timeReport);
        double cpu = number(report, "User time \\(seconds\\): ([\\d.]+)") + number(report, "System time \\(seconds\\): ([\\d.]+)");
        long rss = (long) number(report, "Maximum resident set size \\(kbytes\\): (\\d+)");
        String out = Files.readString(output).strip();
        if (exit != 0) {
            System.err.println(tool + " failed with exit code " + exit + ":\n" + out);
        }
        return new Measured(tool, exit, wall, cpu, rss, out);
    }

    private static double number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static void report(List<Measured> results, long size, long partSize, int concurrency, boolean standIn) {
        System.out.printf(Locale.ROOT, "File %d bytes (%.0f MiB), part size %d MiB, concurrency %d, %d cores, Java %s, server: %s%n%n",
                size, size / 1048576.0, partSize >> 20, concurrency, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), standIn ? "in-repo stand-in (local mode in process + S3Proxy, filesystem)" : "local mode");
        System.out.println("| uploader | exit | wall s | MB/s | CPU s (user+sys) | peak RSS MiB |");
        System.out.println("|---|---|---|---|---|---|");
        for (Measured m : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.0f |%n", m.tool(), m.exit(), m.wallSeconds(),
                    size / m.wallSeconds() / 1e6, m.cpuSeconds(), m.peakRssKib() / 1024.0);
        }
        System.out.println();
        System.out.println("Wall time is the whole process, JVM or Python start included; MB/s = file bytes / wall time (1 MB = 10^6 bytes).");
    }
}
