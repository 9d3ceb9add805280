package dev.uploadgate.functions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold start of every function, measured from the parent: for each run it starts a fresh JVM with
 * the class path SAM packages (the module's classes and runtime dependencies) plus the small
 * {@link ColdStartLauncher}, and times from process start to the launcher's {@code RESPONSE} line.
 * The same is done, interleaved, for {@link NaiveHandler}, so every ratio compares runs made at
 * the same moment. Variants: default flags, an AppCDS archive and (with a JDK 25) its AOT cache,
 * each archive made by one training run of that same function and handler.
 *
 * <p>The local S3 server is local mode's ({@code local/target/local.jar --port 0}). Multipart
 * events that need a real upload (complete, list, abort) are rewritten for a fresh upload made
 * just before each run, so complete answers 200 after its three S3 calls.
 *
 * <p>Variant {@code jdk17-primed} runs the handler's SnapStart priming first and reports, for
 * ours, the time from the end of priming to the response (in process, restore not included); the
 * baseline cannot be primed and runs as with default flags.
 *
 * <p>A variant ending in {@code -noendpoint} runs without {@code S3_ENDPOINT_URL}, as Lambda does (the
 * production cold path: the SDK's and our own endpoint code for AWS hosts); only the functions that
 * sign without calling S3 (presign-part for a sized upload, presign-object for a PUT) can answer
 * that way here, as no AWS endpoint is reachable.
 *
 * <p>Arguments: {@code --runs N} (10), {@code --functions a,b} (all), {@code --variants a,b}
 * ({@code jdk17-noendpoint,jdk17,jdk17-cds-noendpoint,jdk17-cds,jdk25,jdk25-aot,jdk17-primed}), {@code --java17 HOME}, {@code --java25 HOME},
 * {@code --out DIR} (target/bench).
 */
public final class ColdStartBenchmark {
    /** The template's JAVA_TOOL_OPTIONS, for every JVM here (ours and the baseline alike). */
    private static final List<String> TEMPLATE_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Dslf4j.internal.verbosity=ERROR");
    private static final Map<String, String[]> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("presign-part", new String[] {"PresignPartHandler", "presign-part.json"});
        FUNCTIONS.put("create", new String[] {"CreateMultipartHandler", "create-multipart.json"});
        FUNCTIONS.put("complete", new String[] {"CompleteMultipartHandler", "complete-multipart.json"});
        FUNCTIONS.put("list-parts", new String[] {"ListPartsHandler", "list-parts.json"});
        FUNCTIONS.put("abort", new String[] {"AbortMultipartHandler", "abort-multipart.json"});
        FUNCTIONS.put("presign-object", new String[] {"PresignObjectHandler", "presign-put-object.json"});
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A variant suffix: the same JVM without S3_ENDPOINT_URL, as on Lambda. */
    private static final String NO_ENDPOINT = "-noendpoint";
    private static final Set<String> SIGN_ONLY = Set.of("presign-part", "presign-object");

    private final Map<String, String> options;
    private final Path out;
    private final Path events = Path.of("..", "events");
    private String s3Endpoint;
    private String accessKey;
    private String secretKey;
    private String bucket;
    private S3Client s3;

    private ColdStartBenchmark(Map<String, String> options) {
        this.options = options;
        this.out = Path.of(options.getOrDefault("out", "target/bench"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ColdStartBenchmark(options).run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        List<String> functions = List.of(options.getOrDefault("functions", String.join(",", FUNCTIONS.keySet())).split(","));
        List<String> variants = new ArrayList<>(List.of(options.getOrDefault("variants",
                "jdk17-noendpoint,jdk17,jdk17-cds-noendpoint,jdk17-cds,jdk25,jdk25-aot,jdk17-primed").split(",")));
        Path java17 = Path.of(options.getOrDefault("java17", "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "java");
        Path java25 = Path.of(options.getOrDefault("java25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (!Files.isExecutable(java25)) {
            variants.removeIf(v -> v.startsWith("jdk25"));
        }

        String ours = classPath(true);
        String naive = classPath(false);
        Process local = startLocalMode();
        try {
            s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(s3Endpoint)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            Map<String, Series> results = new LinkedHashMap<>();
            // Training (archives) and one discarded run per combination, so the page cache is warm for all.
            for (String function : functions) {
                for (String variant : variants) {
                    if (!measured(function, variant)) {
                        continue;
                    }
                    for (boolean isOurs : new boolean[] {true, false}) {
                        Path java = variant.startsWith("jdk25") ? java25 : java17;
                        String archive = out.resolve(function + "-" + (isOurs ? "ours" : "naive") + "-" + variant).toString();
                        List<String> training = switch (baseVariant(variant)) {
                            case "jdk17-cds" -> List.of("-XX:ArchiveClassesAtExit=" + archive + ".jsa");
                            case "jdk25-aot" -> List.of("-XX:AOTCacheOutput=" + archive + ".aot");
                            default -> List.of();
                        };
                        boolean primed = isOurs && variant.equals("jdk17-primed");
                        boolean endpoint = !variant.endsWith(NO_ENDPOINT);
                        launch(java, training, isOurs ? ours : naive, function, isOurs, primed, endpoint);
                        results.put(key(function, variant, isOurs), new Series(java, primed, endpoint, switch (baseVariant(variant)) {
                            case "jdk17-cds" -> List.of("-XX:SharedArchiveFile=" + archive + ".jsa");
                            case "jdk25-aot" -> List.of("-XX:AOTCache=" + archive + ".aot");
                            default -> List.of();
                        }));
                    }
                }
            }
            for (int run = 1; run <= runs; run++) {
                System.err.printf(Locale.ROOT, "run %d/%d%n", run, runs);
                for (String function : functions) {
                    for (String variant : variants) {
                        if (!measured(function, variant)) {
                            continue;
                        }
                        for (boolean isOurs : new boolean[] {true, false}) {
                            Series series = results.get(key(function, variant, isOurs));
                            series.add(launch(series.java, series.flags, isOurs ? ours : naive, function, isOurs, series.primed,
                                    series.endpoint));
                        }
                    }
                }
            }
            String table = table(functions, variants, results, runs);
            System.out.println(table);
            Files.writeString(out.resolve("coldstart.md"), table);
        } finally {
            local.destroy();
            local.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Without an endpoint override (what Lambda runs) only the functions whose event makes no S3
     * call can answer here: this machine reaches no AWS endpoint.
     */
    private static boolean measured(String function, String variant) {
        return !variant.endsWith(NO_ENDPOINT) || SIGN_ONLY.contains(function);
    }

    private static String baseVariant(String variant) {
        return variant.endsWith(NO_ENDPOINT) ? variant.substring(0, variant.length() - NO_ENDPOINT.length()) : variant;
    }

    private static String key(String function, String variant, boolean ours) {
        return function + "/" + variant + "/" + ours;
    }

    /** One launch: milliseconds from process start to the response line, its status and class count. */
    private Sample launch(Path java, List<String> flags, String classPath, String function, boolean ours, boolean primed,
                          boolean endpoint) throws Exception {
        String[] spec = FUNCTIONS.get(function);
        Path event = event(function, spec[1]);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(TEMPLATE_FLAGS);
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, ColdStartLauncher.class.getName(),
                ours ? "dev.uploadgate.functions.handler." + spec[0] : NaiveHandler.class.getName(), event.toString()));
        if (primed) {
            command.add("primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(out.resolve(function + "-" + (ours ? "ours" : "naive") + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        env.putAll(Map.of("BUCKET_NAME", bucket, "KEY_PREFIX", "uploads/",
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey));
        if (endpoint) {
            env.put("S3_ENDPOINT_URL", s3Endpoint);
        }
        long started = System.nanoTime();
        Process process = builder.start();
        double answeredMs = -1;
        int status = -1;
        int classes = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    answeredMs = (System.nanoTime() - started) / 1e6;
                } else if (line.startsWith("STATUS ")) {
                    status = Integer.parseInt(line.substring("STATUS ".length()).trim());
                } else if (line.startsWith("AFTER_PRIME_MS ")) {
                    answeredMs = Double.parseDouble(line.substring("AFTER_PRIME_MS ".length()).trim());
                } else if (line.startsWith("CLASSES ")) {
                    classes = Integer.parseInt(line.substring("CLASSES ".length()).trim());
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || answeredMs < 0) {
            throw new IllegalStateException("launch failed (exit " + process.exitValue() + "): " + command
                    + "; see " + out.resolve(function + "-" + (ours ? "ours" : "naive") + ".log"));
        }
        return new Sample(answeredMs, status, classes);
    }

    /** The recorded event, or for complete, list and abort the same event pointed at a fresh real upload. */
    private Path event(String function, String file) throws IOException {
        Path recorded = events.resolve(file);
        if (!List.of("complete", "list-parts", "abort").contains(function)) {
            return recorded.toAbsolutePath();
        }
        String key = "uploads/public/" + UUID.randomUUID() + "/holiday video.mp4";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("video/mp4")).uploadId();
        String etag = null;
        if (!function.equals("abort")) {
            etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes("cold start benchmark part".getBytes(StandardCharsets.UTF_8))).eTag();
        }
        ObjectNode event = (ObjectNode) JSON.readTree(recorded.toFile());
        String path = event.get("rawPath").asText().replace("VXBsb2FkIElEIGZvciBleGFtcGxl.bXVsdGlwYXJ0", uploadId);
        event.put("rawPath", path);
        ((ObjectNode) event.get("requestContext").get("http")).put("path", path);
        ((ObjectNode) event.get("pathParameters")).put("uploadId", uploadId);
        event.put("rawQueryString", "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        ((ObjectNode) event.get("queryStringParameters")).put("key", key);
        if (function.equals("complete")) {
            String body = "{\"parts\":[{\"PartNumber\":1,\"ETag\":" + JSON.writeValueAsString(etag) + "}]}";
            event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
            event.put("isBase64Encoded", true);
        }
        Path rewritten = out.resolve("event-" + function + ".json").toAbsolutePath();
        JSON.writeValue(rewritten.toFile(), event);
        return rewritten;
    }

    /**
     * What SAM packages (the module's classes and its runtime dependencies), then the launcher and
     * the Lambda runtime's event serializer, which the runtime brings (a stream handler never loads
     * it). The baseline adds the event types it is typed with and the SDK's default HTTP client.
     * Classes go into jars: class-data archives only take classes from jars.
     */
    private String classPath(boolean ours) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(jar(Path.of("target", "classes"), out.resolve("uploadgate-functions.jar"), "").toString());
        entries.addAll(Arrays.asList(Files.readString(Path.of("target", "bench", "runtime.classpath")).trim().split(File.pathSeparator)));
        entries.add(jar(Path.of("target", "test-classes"), out.resolve("bench-launcher.jar"), "dev/uploadgate/functions/bench/",
                "dev/uploadgate/functions/handler/FixedContext").toString());
        List<String> own = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        entries.addAll(own.stream().filter(e -> e.contains("aws-lambda-java-serialization")).toList());
        if (!ours) {
            // A typed handler's package carries the event types (and their joda-time); ours no longer does.
            entries.addAll(own.stream().filter(e -> Stream.of("/aws-lambda-java-events/", "/joda-time/").anyMatch(e::contains)).toList());
            entries.addAll(own.stream().filter(e -> Stream.of("/awssdk/apache-client/", "/httpcomponents/httpclient/",
                    "/httpcomponents/httpcore/", "/commons-logging/", "/commons-codec/").anyMatch(e::contains)).toList());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jar(Path classes, Path jar, String... under) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (Arrays.stream(under).anyMatch(name::startsWith)) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
        return jar.toAbsolutePath();
    }

    private Process startLocalMode() throws IOException {
        Path data = Files.createDirectories(out.resolve("local-data"));
        Path localJar = Path.of(options.getOrDefault("local-jar", "../local/target/local.jar"));
        Process local = new ProcessBuilder("java", "-jar", localJar.toString(), "--port", "0", "--data", data.toString())
                .redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("S3 ")) {
                Map<String, String> fields = Arrays.stream(line.split(" ")).filter(f -> f.contains("="))
                        .collect(Collectors.toMap(f -> f.substring(0, f.indexOf('=')), f -> f.substring(f.indexOf('=') + 1)));
                s3Endpoint = line.split(" ")[1];
                bucket = fields.get("bucket");
                accessKey = fields.get("access-key");
                secretKey = fields.get("secret-key");
                Thread drain = new Thread(() -> drain(lines), "local-mode-output");
                drain.setDaemon(true);
                drain.start();
                return local;
            }
        }
        throw new IllegalStateException("local mode printed no S3 line");
    }

    /** Reads local mode's output so it never blocks on a full pipe, until local mode is stopped. */
    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // discarded: the benchmark only needed the start-up lines
            }
        } catch (IOException e) {
            // The stream closes when the benchmark stops local mode; nothing is left to read.
        }
    }

    private static String table(List<String> functions, List<String> variants, Map<String, Series> results, int runs) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Whole-process time to first response, ms (%d runs each; median [p10-p90] min-max), "
                + "classes loaded at the response, status%n%n", runs));
        text.append("| function | JVM | ours: median [p10-p90] (min-max) | classes | status | naive: median [p10-p90] (min-max) | classes | status | naive/ours |\n");
        text.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String function : functions) {
            for (String variant : variants) {
                if (!measured(function, variant)) {
                    continue;
                }
                Series ours = results.get(key(function, variant, true));
                Series naive = results.get(key(function, variant, false));
                text.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %d | %s | %s |%n", function, variant,
                        ours.describe(), ours.classes(), ours.statuses(), naive.describe(), naive.classes(), naive.statuses(),
                        ours.primed ? "n/a (in-process)" : String.format(Locale.ROOT, "%.1fx", naive.median() / ours.median())));
            }
        }
        return text.toString();
    }

    private record Sample(double millis, int status, int classes) {
    }

    private static final class Series {
        final Path java;
        final boolean primed;
        final boolean endpoint;
        final List<String> flags;
        final List<Sample> samples = new ArrayList<>();

        Series(Path java, boolean primed, boolean endpoint, List<String> flags) {
            this.java = java;
            this.primed = primed;
            this.endpoint = endpoint;
            this.flags = flags;
        }

        void add(Sample sample) {
            samples.add(sample);
        }

        double[] sorted() {
            return samples.stream().mapToDouble(Sample::millis).sorted().toArray();
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

        String describe() {
            double[] ms = sorted();
            return String.format(Locale.ROOT, "%.0f [%.0f-%.0f] (%.0f-%.0f)", percentile(ms, 50), percentile(ms, 10),
                    percentile(ms, 90), ms[0], ms[ms.length - 1]);
        }

        /** Nearest-rank percentile with linear interpolation. */
        static double percentile(double[] sorted, double p) {
            double rank = p / 100 * (sorted.length - 1);
            int low = (int) Math.floor(rank);
            int high = (int) Math.ceil(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }
    }
}
