package dev.uploadgate.local.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.local.InProcessLocalMode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Load test of local mode (a benchmark, never part of {@code mvn verify}): local mode and its
 * embedded S3Proxy start in this JVM on loopback, then many client threads at once run whole
 * uploads the way Uppy does -- a POST-form presign, create, presign the parts, PUT them to S3
 * through the presigned URLs, list, complete -- until a count or a time limit is reached. At the end
 * every completed object is downloaded through a presigned GET and its SHA-256 compared with what
 * was sent. Prints requests, errors, objects verified and p50/p99 latency per route as Markdown.
 *
 * <pre>
 * mvn -q -o install -DskipTests -pl functions
 * mvn -q -o -pl local -Pload test-compile exec:java
 * mvn -q -o -pl local -Pload test-compile exec:java -Dexec.args="--threads 32 --uploads 2000 --seconds 60"
 * </pre>
 */
public final class LoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    private final Settings settings;
    private final String api;
    private final HttpClient http;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final ConcurrentLinkedQueue<Uploaded> uploaded = new ConcurrentLinkedQueue<>();
    private final AtomicInteger started = new AtomicInteger();

    private LoadTest(Settings settings, String api, HttpClient http) {
        this.settings = settings;
        this.api = api;
        this.http = http;
    }

    /** What to run: client threads, uploads in all, a time limit, and how often an upload has a 5 MiB part. */
    record Settings(int threads, int uploads, Duration limit, int bigEvery, int smallBytes, boolean inProcess) {
        static Settings parse(String[] args) {
            boolean inProcess = Arrays.asList(args).contains("--in-process");
            args = Arrays.stream(args).filter(arg -> !arg.equals("--in-process")).toArray(String[]::new);
            int threads = 32;
            int uploads = 2_000;
            int seconds = 60;
            int bigEvery = 20;
            int smallBytes = 4 * 1024;
            for (int i = 0; i + 1 < args.length; i += 2) {
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--threads" -> threads = value;
                    case "--uploads" -> uploads = value;
                    case "--seconds" -> seconds = value;
                    case "--big-every" -> bigEvery = value;
                    case "--small-bytes" -> smallBytes = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --threads, --uploads, --seconds, --big-every, --small-bytes, --in-process");
                }
            }
            return new Settings(threads, uploads, Duration.ofSeconds(seconds), bigEvery, smallBytes, inProcess);
        }
    }

    private record Uploaded(String key, String sha256, long size) {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path data = Files.createTempDirectory("load-s3");
        // Local mode writes every function's log lines to stderr; on a terminal that costs more than
        // the requests. Keep them, in a file, for when an error needs explaining.
        Path log = Files.createTempFile("load-test-functions", ".log");
        PrintStream console = System.err;
        boolean passed;
        try (PrintStream functionLog = new PrintStream(Files.newOutputStream(log), false, StandardCharsets.UTF_8)) {
            System.setErr(functionLog);
            passed = run(settings, data);
        } finally {
            System.setErr(console);
            deleteTree(data);
        }
        System.out.println("function and S3 logs: " + log);
        if (!passed) {
            // Fails the Maven run (exec:java) without System.exit, which would take Maven down with it.
            throw new IllegalStateException("load test failed: errors, or objects not verified (see above)");
        }
    }

    private static boolean run(Settings settings, Path data) throws Exception {
        boolean passed;
        // The runtime path (function processes), local mode's default; --in-process for the handlers in this JVM.
        List<String> localArgs = settings.inProcess() ? List.of("--port", "0", "--data", data.toString(), "--in-process")
                : List.of("--port", "0", "--data", data.toString());
        try (InProcessLocalMode local = InProcessLocalMode.start(localArgs, projectDir())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            passed = new LoadTest(settings, local.apiUrl(), http).run();
        }
        return passed;
    }

    /** Runs the load and the verification; true when there was no error and every object verified. */
    private boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "Load: %d threads, up to %d uploads (every %dth with a 5 MiB part + %d B, else one part of %d B), "
                + "limit %d s, API %s%n", settings.threads(), settings.uploads(), settings.bigEvery(), settings.smallBytes(),
                settings.smallBytes(), settings.limit().toSeconds(), api);
        Instant deadline = Instant.now().plus(settings.limit());
        ExecutorService clients = Executors.newFixedThreadPool(settings.threads());
        long loadStarted = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            long seed = t;
            workers.add(clients.submit(() -> uploadUntilDone(deadline, new Random(seed))));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        long loadRequests = recorder.requests();

        long verifyStarted = System.nanoTime();
        AtomicInteger verified = new AtomicInteger();
        List<Future<?>> checks = new ArrayList<>();
        for (Uploaded object : uploaded) {
            checks.add(clients.submit(() -> {
                if (verify(object)) {
                    verified.incrementAndGet();
                }
            }));
        }
        for (Future<?> check : checks) {
            check.get();
        }
        clients.shutdown();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;

        report(loadSeconds, loadRequests, verifySeconds, verified.get());
        return recorder.errors() == 0 && verified.get() == uploaded.size() && uploaded.size() == started.get();
    }

    private void uploadUntilDone(Instant deadline, Random random) {
        int n;
        while (Instant.now().isBefore(deadline) && (n = started.incrementAndGet()) <= settings.uploads()) {
            try {
                upload(n, random);
            } catch (IOException | RuntimeException e) {
                recorder.error("upload", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        started.updateAndGet(count -> Math.min(count, settings.uploads()));
    }

    /** One upload as Uppy runs it; any unexpected answer is counted as an error of its route. */
    private void upload(int n, Random random) throws IOException, InterruptedException {
        boolean big = settings.bigEvery() > 0 && n % settings.bigEvery() == 0;
        byte[] file = new byte[big ? 5 * MIB + settings.smallBytes() : settings.smallBytes()];
        random.nextBytes(file);
        String name = "load-" + n + ".bin";

        // Uppy presigns a POST form for small files; a second client might: sign one each time.
        call("params", get("/s3/params?filename=" + name + "&type=application%2Foctet-stream"));
        // A big file asks for the smallest part size S3 allows, so it has two parts and takes a batch of URLs.
        JsonNode created = call("create", post("/s3/multipart", "{\"filename\":\"" + name + "\",\"type\":\"application/octet-stream\",\"size\":"
                + file.length + (big ? ",\"partSize\":" + 5 * MIB : "") + "}"));
        if (created == null) {
            return;
        }
        String key = created.get("key").asText();
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8);
        String uploadId = created.get("uploadId").asText();
        String uploadPath = "/s3/multipart/" + URLEncoder.encode(uploadId, StandardCharsets.UTF_8);

        int partSize = created.get("partSize").asInt();
        List<byte[]> parts = new ArrayList<>();
        for (int from = 0; from < file.length; from += partSize) {
            parts.add(Arrays.copyOfRange(file, from, Math.min(file.length, from + partSize)));
        }
        if (parts.size() != (big ? 2 : 1)) {
            recorder.error("create", "partSize " + partSize + " makes " + parts.size() + " parts of a " + file.length + "-byte file");
            return;
        }
        List<String> urls = new ArrayList<>();
        if (big) {
            JsonNode batch = call("batch", get(uploadPath + "/batch?key=" + encodedKey + "&partNumbers=1,2"));
            if (batch == null) {
                return;
            }
            urls.add(batch.get("presignedUrls").get("1").asText());
            urls.add(batch.get("presignedUrls").get("2").asText());
        } else {
            JsonNode one = call("part", get(uploadPath + "/1?key=" + encodedKey));
            if (one == null) {
                return;
            }
            urls.add(one.get("url").asText());
        }
        StringBuilder completed = new StringBuilder("{\"parts\":[");
        for (int i = 0; i < parts.size(); i++) {
            String etag = putPart(urls.get(i), parts.get(i));
            if (etag == null) {
                return;
            }
            completed.append(i > 0 ? "," : "").append("{\"PartNumber\":").append(i + 1).append(",\"ETag\":").append(JSON.writeValueAsString(etag)).append('}');
        }
        JsonNode listed = call("list", get(uploadPath + "?key=" + encodedKey));
        if (listed == null) {
            return;
        }
        if (listed.size() != parts.size()) {
            recorder.error("list", "listed " + listed.size() + " parts of " + parts.size());
            return;
        }
        JsonNode done = call("complete", post(uploadPath + "/complete?key=" + encodedKey, completed.append("]}").toString()));
        if (done == null) {
            return;
        }
        if (done.get("size").asLong() != file.length) {
            recorder.error("complete", "size " + done.get("size") + " instead of " + file.length);
            return;
        }
        uploaded.add(new Uploaded(key, sha256(file), file.length));
    }

    private String putPart(String url, byte[] body) throws IOException, InterruptedException {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
        recorder.record("s3 PUT part", System.nanoTime() - started);
        if (response.statusCode() != 200 || response.headers().firstValue("ETag").isEmpty()) {
            recorder.error("s3 PUT part", response.statusCode() + " " + response.body());
            return null;
        }
        return response.headers().firstValue("ETag").get();
    }

    /** Downloads the object through a presigned GET and compares its SHA-256 with what was sent. */
    private boolean verify(Uploaded object) {
        try {
            JsonNode download = call("download", get("/s3/download?key=" + URLEncoder.encode(object.key(), StandardCharsets.UTF_8)));
            if (download == null) {
                return false;
            }
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(download.get("url").asText()))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            recorder.record("s3 GET object", System.nanoTime() - started);
            if (response.statusCode() != 200 || response.body().length != object.size() || !sha256(response.body()).equals(object.sha256())) {
                recorder.error("s3 GET object", object.key() + ": status " + response.statusCode() + ", " + response.body().length + " bytes");
                return false;
            }
            return true;
        } catch (IOException e) {
            recorder.error("s3 GET object", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends an API call, records its latency; returns the parsed body of a 200, else records an error and returns null. */
    private JsonNode call(String route, HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        recorder.record(route, System.nanoTime() - started);
        if (response.statusCode() != 200) {
            recorder.error(route, response.statusCode() + " " + response.body());
            return null;
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpRequest post(String pathAndQuery, String json) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private void report(double loadSeconds, long loadRequests, double verifySeconds, int verified) {
        long bigUploads = uploaded.stream().filter(u -> u.size() > 5L * MIB).count();
        System.out.printf(Locale.ROOT, "%nuploads completed: %d (%d with a 5 MiB part) in %.1f s: %.1f uploads/s, %d requests, %.0f requests/s%n",
                uploaded.size(), bigUploads, loadSeconds, uploaded.size() / loadSeconds, loadRequests, loadRequests / loadSeconds);
        System.out.printf(Locale.ROOT, "objects verified (SHA-256 of a presigned GET): %d of %d in %.1f s%n", verified, uploaded.size(), verifySeconds);
        System.out.printf(Locale.ROOT, "requests: %d, errors: %d%n%n", recorder.requests(), recorder.errors());
        System.out.println("| route | requests | errors | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (LatencyRecorder.Row row : recorder.rows()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f |%n", row.route(), row.count(), row.errors(), row.p50(), row.p99(), row.max());
        }
        recorder.firstErrors().forEach(error -> System.out.println("error: " + error));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The project folder (template.yaml and web/), whether Maven runs from it or from local/. */
    private static Path projectDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("template.yaml")) ? here : here.getParent();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
