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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold start of every function, measured from the parent: for each run it starts a fresh JVM with
 * the class path SAM packages (the module's classes and runtime dependencies) plus the small
 * {@link ColdStartLauncher}, and times from process start to the launcher's {@code RESPONSE} line.
 * Every handler kind is launched in the same loop, interleaved, so every ratio compares runs made
 * at the same moment:
 * <ul>
 *   <li>{@code ours}: the function's stream handler (bytes in, the functions' one ObjectMapper);</li>
 *   <li>{@code typed}: the same handler behind the typed {@code RequestHandler} interface, so the
 *   Lambda runtime's event serializer reads the event and writes the response (presign-part and
 *   create only; see {@code TypedApiHandler});</li>
 *   <li>{@code before}: another checkout's build of the same function ({@code --before DIR});</li>
 *   <li>{@code naive}: {@link NaiveHandler}, the baseline.</li>
 * </ul>
 * Variants: default flags, an AppCDS archive and (with a JDK 25) its AOT cache, each archive made
 * by one training run of that same function and handler.
 *
 * <p>The S3 server is S3Proxy in this JVM ({@link BenchS3}). Multipart events that need a real
 * upload (complete, list, abort) are rewritten for a fresh upload made just before each run, so
 * complete answers 200 after its three S3 calls.
 *
 * <p>A variant ending in {@code -noendpoint} runs without {@code S3_ENDPOINT_URL}, as Lambda does:
 * the SDK resolves its own S3 host ({@code <bucket>.s3.amazonaws.com}) and connects with TLS to
 * port 443, where {@link AwsS3Host} and {@link BenchS3} make that host this machine. For that,
 * every child JVM (all variants alike, so they differ only in the override) gets two flags,
 * {@code -Djdk.net.hosts.file} and {@code -Djavax.net.ssl.trustStore}; a variant ending in
 * {@code -noplumbing} runs without them (endpoint override only), to measure what they cost.
 *
 * <p>Variant {@code jdk17-primed} runs the handler's SnapStart priming first and reports, for
 * ours and before, the time from the end of priming to the response (in process, restore not
 * included); typed and naive are not primed and run as with default flags.
 *
 * <p>Arguments: {@code --runs N} (10), {@code --functions a,b} (all),
 * {@code --variants a,b} ({@code jdk17-noendpoint,jdk17,jdk17-cds-noendpoint,jdk17-cds}; others:
 * {@code jdk25}, {@code jdk25-aot}, their {@code -noendpoint}, {@code jdk17-primed},
 * {@code jdk17-noplumbing}), {@code --kinds a,b} ({@code ours,typed,before,naive}; before only with
 * {@code --before}), {@code --before DIR} (the other checkout's {@code functions} folder, built:
 * {@code target/classes} and {@code target/runtime.classpath}), {@code --java17 HOME},
 * {@code --java25 HOME}, {@code --out DIR} (target/bench).
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

    private static final Set<String> CALLS_S3 = Set.of("create", "complete", "list-parts", "abort");
    /** The functions that have a typed twin in the bench sources. */
    private static final Set<String> TYPED = Set.of("presign-part", "create");
    private static final String HANDLERS = "dev.uploadgate.functions.handler.";
    private static final String DEFAULT_VARIANTS = "jdk17-noendpoint,jdk17,jdk17-cds-noendpoint,jdk17-cds";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A variant suffix: the same JVM without S3_ENDPOINT_URL, as on Lambda. */
    private static final String NO_ENDPOINT = "-noendpoint";
    /** A variant suffix: with the endpoint override and without the hosts-file and trust-store flags. */
    private static final String NO_PLUMBING = "-noplumbing";

    private final Map<String, String> options;
    private final Path out;
    private final Path events = Path.of("..", "events");
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
        List<String> variants = new ArrayList<>(List.of(options.getOrDefault("variants", DEFAULT_VARIANTS).split(",")));
        List<String> kinds = new ArrayList<>(List.of(options.getOrDefault("kinds", "ours,typed,before,naive").split(",")));
        Path java17Home = Path.of(options.getOrDefault("java17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        Path java17 = java17Home.resolve("bin").resolve("java");
        Path java25 = Path.of(options.getOrDefault("java25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (!Files.isExecutable(java25)) {
            variants.removeIf(v -> v.startsWith("jdk25"));
        }
        Optional<Path> before = Optional.ofNullable(options.get("before")).map(Path::of);
        if (before.isEmpty()) {
            kinds.remove("before");
        }

        Map<String, String> classPaths = new LinkedHashMap<>();
        classPaths.put("ours", classPath(Path.of("target", "classes"), Path.of("target", "bench", "runtime.classpath"), "ours", false));
        classPaths.put("typed", classPaths.get("ours"));
        classPaths.put("naive", classPath(Path.of("target", "classes"), Path.of("target", "bench", "runtime.classpath"), "naive", true));
        before.ifPresent(dir -> classPaths.put("before", classPath(dir.resolve("target").resolve("classes"),
                dir.resolve("target").resolve("runtime.classpath"), "before", false)));

        AwsS3Host aws = AwsS3Host.create(out.resolve("aws-s3-host"), java17Home, BenchS3.BUCKET, BenchS3.REGION);
        // The TLS doors (port 443) only for functions that call S3: the presign ones sign offline.
        boolean tls = variants.stream().anyMatch(v -> v.endsWith(NO_ENDPOINT)) && functions.stream().anyMatch(CALLS_S3::contains);
        Path data = out.resolve("s3-data");
        try (BenchS3 server = BenchS3.start(data, tls ? Optional.of(aws) : Optional.empty())) {
            s3 = server.admin();
            Map<String, LaunchSeries> results = new LinkedHashMap<>();
            // Training (archives) and one discarded run per combination, so the page cache is warm for all.
            for (String function : functions) {
                for (String variant : variants) {
                    for (String kind : kinds(kinds, function)) {
                        Path java = variant.startsWith("jdk25") ? java25 : java17;
                        String archive = out.resolve(function + "-" + kind + "-" + variant).toString();
                        List<String> plumbing = variant.endsWith(NO_PLUMBING) ? List.of() : aws.jvmFlags();
                        List<String> training = new ArrayList<>(plumbing);
                        List<String> flags = new ArrayList<>(plumbing);
                        switch (baseVariant(variant)) {
                            case "jdk17-cds" -> {
                                training.add("-XX:ArchiveClassesAtExit=" + archive + ".jsa");
                                flags.add("-XX:SharedArchiveFile=" + archive + ".jsa");
                            }
                            case "jdk25-aot" -> {
                                training.add("-XX:AOTCacheOutput=" + archive + ".aot");
                                flags.add("-XX:AOTCache=" + archive + ".aot");
                            }
                            default -> {
                                // default flags: nothing to train
                            }
                        }
                        boolean primed = variant.equals("jdk17-primed") && (kind.equals("ours") || kind.equals("before"));
                        LaunchSeries series = new LaunchSeries(java, primed, !variant.endsWith(NO_ENDPOINT), List.copyOf(flags));
                        launch(series, training, classPaths.get(kind), function, kind, server);
                        results.put(key(function, variant, kind), series);
                    }
                }
            }
            for (int run = 1; run <= runs; run++) {
                System.err.printf(Locale.ROOT, "run %d/%d%n", run, runs);
                for (String function : functions) {
                    for (String variant : variants) {
                        for (String kind : kinds(kinds, function)) {
                            LaunchSeries series = results.get(key(function, variant, kind));
                            series.add(launch(series, series.flags, classPaths.get(kind), function, kind, server));
                        }
                    }
                }
            }
            String table = table(functions, variants, kinds, results, runs);
            System.out.println(table);
            Files.writeString(out.resolve("coldstart.md"), table);
        }
    }

    private static List<String> kinds(List<String> kinds, String function) {
        return kinds.stream().filter(kind -> !kind.equals("typed") || TYPED.contains(function)).toList();
    }

    private static String baseVariant(String variant) {
        for (String suffix : List.of(NO_ENDPOINT, NO_PLUMBING)) {
            if (variant.endsWith(suffix)) {
                return variant.substring(0, variant.length() - suffix.length());
            }
        }
        return variant;
    }

    private static String key(String function, String variant, String kind) {
        return function + "/" + variant + "/" + kind;
    }

    private static String handlerClass(String function, String kind) {
        String handler = FUNCTIONS.get(function)[0];
        return switch (kind) {
            case "ours", "before" -> HANDLERS + handler;
            case "typed" -> HANDLERS + "Typed" + handler;
            case "naive" -> NaiveHandler.class.getName();
            default -> throw new IllegalArgumentException("no handler kind " + kind + " (ours, typed, before, naive)");
        };
    }

    /** One launch: milliseconds from process start to the response line, its status and class count. */
    private LaunchSeries.Sample launch(LaunchSeries series, List<String> flags, String classPath, String function, String kind,
                                       BenchS3 server) throws Exception {
        Path event = event(function, FUNCTIONS.get(function)[1]);
        List<String> command = new ArrayList<>();
        command.add(series.java.toString());
        command.addAll(TEMPLATE_FLAGS);
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, ColdStartLauncher.class.getName(), handlerClass(function, kind), event.toString()));
        if (series.primed) {
            command.add("primed");
        }
        Path log = out.resolve(function + "-" + kind + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        env.putAll(Map.of("BUCKET_NAME", BenchS3.BUCKET, "KEY_PREFIX", "uploads/",
                "AWS_REGION", BenchS3.REGION, "AWS_ACCESS_KEY_ID", BenchS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", BenchS3.SECRET_KEY));
        if (series.endpoint) {
            env.put("S3_ENDPOINT_URL", server.endpoint().toString());
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
            throw new IllegalStateException("launch failed (exit " + process.exitValue() + "): " + command + "; see " + log);
        }
        if (status != 200) {
            // A figure for an error answer would time another path: stop, with the log to read.
            throw new IllegalStateException(function + " (" + kind + ") answered " + status + ": " + command + "; see " + log);
        }
        abortOpenUploads();
        return new LaunchSeries.Sample(answeredMs, status, classes);
    }

    /**
     * Every launch starts with no open upload, as a new caller does: create counts the caller's
     * open uploads (its quota, one listing), and the uploads that create and list-parts runs leave
     * open would otherwise lengthen that listing run by run and, at 100, answer 429.
     */
    private void abortOpenUploads() {
        s3.listMultipartUploadsPaginator(b -> b.bucket(BenchS3.BUCKET)).uploads()
                .forEach(upload -> s3.abortMultipartUpload(b -> b.bucket(BenchS3.BUCKET).key(upload.key()).uploadId(upload.uploadId())));
    }

    /** The recorded event, or for complete, list and abort the same event pointed at a fresh real upload. */
    private Path event(String function, String file) throws IOException {
        Path recorded = events.resolve(file);
        if (!List.of("complete", "list-parts", "abort").contains(function)) {
            return recorded.toAbsolutePath();
        }
        String bucket = BenchS3.BUCKET;
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
     * What SAM packages (a build's classes and its runtime dependencies), then the launcher (with
     * the typed twins and the tests' {@code FixedContext}) and the Lambda runtime's event serializer, which the runtime brings (a
     * stream handler never loads it). The baseline adds the event types it is typed with and the
     * SDK's default HTTP client. Classes go into jars: class-data archives only take classes from jars.
     *
     * @param runtimeClassPath the file {@code dependency:build-classpath -DincludeScope=runtime} wrote
     */
    private String classPath(Path classes, Path runtimeClassPath, String name, boolean naive) {
        if (!Files.isDirectory(classes) || !Files.isRegularFile(runtimeClassPath)) {
            throw new IllegalArgumentException("no build at " + classes + " with " + runtimeClassPath + "; in that functions folder run"
                    + " `mvn -q -o package -DskipTests && mvn -q -o dependency:build-classpath -DincludeScope=runtime"
                    + " -Dmdep.outputFile=target/runtime.classpath`");
        }
        try {
            List<String> entries = new ArrayList<>();
            entries.add(jar(classes, out.resolve(name + "-functions.jar"), List.of("")).toString());
            entries.addAll(Arrays.asList(Files.readString(runtimeClassPath).trim().split(File.pathSeparator)));
            entries.add(jar(Path.of("target", "test-classes"), out.resolve("bench-launcher.jar"),
                    List.of("dev/uploadgate/functions/bench/",
                            "dev/uploadgate/functions/handler/Typed", "dev/uploadgate/functions/handler/FixedContext")).toString());
            List<String> own = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
            entries.addAll(own.stream().filter(e -> e.contains("aws-lambda-java-serialization")).toList());
            if (naive) {
                // A typed handler's package carries the event types (and their joda-time).
                entries.addAll(own.stream().filter(e -> Stream.of("/aws-lambda-java-events/", "/joda-time/").anyMatch(e::contains)).toList());
                entries.addAll(own.stream().filter(e -> Stream.of("/awssdk/apache-client/", "/httpcomponents/httpclient/",
                        "/httpcomponents/httpcore/", "/commons-logging/", "/commons-codec/").anyMatch(e::contains)).toList());
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new IllegalStateException("cannot assemble the class path from " + classes, e);
        }
    }

    private static Path jar(Path classes, Path jar, List<String> under) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                if (under.stream().anyMatch(name::startsWith)) {
                    out.putNextEntry(new JarEntry(name));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
        }
        return jar.toAbsolutePath();
    }

    private static String table(List<String> functions, List<String> variants, List<String> kinds, Map<String, LaunchSeries> results,
                                int runs) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Whole-process time to first response, ms (%d runs each; median [p10-p90] (min-max)), "
                + "classes loaded at the response, status; last column: this row's median over ours%n%n", runs));
        text.append("| function | JVM | handler | median [p10-p90] (min-max) | classes | status | / ours |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (String function : functions) {
            for (String variant : variants) {
                LaunchSeries ours = results.get(key(function, variant, "ours"));
                for (String kind : kinds(kinds, function)) {
                    LaunchSeries series = results.get(key(function, variant, kind));
                    String ratio = ours == null || kind.equals("ours") ? "" : series.primed != ours.primed ? "n/a (in-process)"
                            : String.format(Locale.ROOT, "%.2fx", series.median() / ours.median());
                    text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s%s | %d | %s | %s |%n", function, variant, kind,
                            series.describe(), series.primed ? " in-process" : "", series.classes(), series.statuses(), ratio));
                }
            }
        }
        return text.toString();
    }
}
