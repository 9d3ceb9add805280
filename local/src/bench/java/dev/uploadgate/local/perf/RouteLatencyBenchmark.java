package dev.uploadgate.local.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.local.InProcessLocalMode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * First-request and warm latency of every route (a benchmark, never part of {@code mvn verify}):
 * a fresh local mode, each route's first request timed alone (for the runtime path, the first
 * request of a function is its cold start: a JVM and the runtime client starting), then
 * {@code --warm N} more, one at a time, and their median. Run once with the runtime path (the
 * default) and once with {@code --in-process}; prints a Markdown table.
 *
 * <pre>
 * java -cp "local/target/test-classes:local/target/classes:local/target/lib/*" \
 *     dev.uploadgate.local.perf.RouteLatencyBenchmark [--warm 30] [--in-process]
 * </pre>
 */
public final class RouteLatencyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String api;

    private RouteLatencyBenchmark(String api) {
        this.api = api;
    }

    /** One route's request, built fresh each time (abort needs a new upload each time). */
    private interface Call {
        HttpRequest request() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int warm = 30;
        boolean inProcess = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                case "--in-process" -> inProcess = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --warm N, --in-process");
            }
        }
        Path data = Files.createTempDirectory("route-bench-s3");
        // Room for every function's environment, so none is retired to make room for another mid-run.
        List<String> localArgs = new ArrayList<>(List.of("--port", "0", "--data", data.toString(), "--max-environments", "8"));
        if (inProcess) {
            localArgs.add("--in-process");
        }
        PrintStream console = System.err;
        Path log = Files.createTempFile("route-bench-functions", ".log");
        Map<String, double[]> results;
        long startMillis;
        try (PrintStream functionLog = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setErr(functionLog);
            long started = System.nanoTime();
            try (InProcessLocalMode local = InProcessLocalMode.start(localArgs, Path.of(".").toAbsolutePath())) {
                startMillis = (System.nanoTime() - started) / 1_000_000;
                results = new RouteLatencyBenchmark(local.apiUrl()).measure(warm);
            }
        } finally {
            System.setErr(console);
        }
        System.out.printf(Locale.ROOT, "%s path, local mode ready in %d ms, %d warm requests per route (function logs: %s)%n%n",
                inProcess ? "in-process" : "runtime", startMillis, warm, log);
        System.out.println("| route | first request ms | warm p50 ms |");
        System.out.println("|---|---:|---:|");
        results.forEach((route, figures) -> System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f |%n", route, figures[0], figures[1]));
    }

    /**
     * The routes in an order where the first request of each function comes first for its routes
     * (marked "cold"); the state a request needs comes from an earlier timed answer or from
     * untimed set-up calls to functions already started.
     */
    private Map<String, double[]> measure(int warm) throws Exception {
        Map<String, double[]> results = new LinkedHashMap<>();
        String createBody = "{\"filename\":\"a.bin\",\"type\":\"application/octet-stream\",\"size\":10485760}";
        HttpResponse<String> firstCreate = send(post("/s3/multipart", createBody));
        JsonNode upload = JSON.readTree(firstCreate.body());
        results.put("POST /s3/multipart (cold)", warm(lastMillis, warm, () -> post("/s3/multipart", createBody)));
        String id = enc(upload.get("uploadId").asText());
        String query = "?key=" + enc(upload.get("key").asText());
        route(results, "GET /s3/multipart/{id}/{n} (cold)", warm, () -> get("/s3/multipart/" + id + "/1" + query));
        route(results, "GET /s3/multipart/{id}/batch", warm, () -> get("/s3/multipart/" + id + "/batch" + query + "&partNumbers=1,2"));
        route(results, "GET /s3/multipart/{id} (list, cold)", warm, () -> get("/s3/multipart/" + id + query));
        route(results, "POST /s3/multipart/{id}/complete (400 InvalidPart, cold)", warm, () -> post("/s3/multipart/" + id + "/complete" + query,
                "{\"parts\":[{\"PartNumber\":1,\"ETag\":\"0123456789abcdef0123456789abcdef\"}]}"));
        route(results, "DELETE /s3/multipart/{id} (abort, cold)", warm, () -> {
            JsonNode fresh = created("abort.bin", 10 * 1024 * 1024);
            return HttpRequest.newBuilder(URI.create(api + "/s3/multipart/" + enc(fresh.get("uploadId").asText())
                    + "?key=" + enc(fresh.get("key").asText()))).DELETE().build();
        });
        HttpResponse<String> firstPut = send(get("/s3/params?filename=d.txt&type=text/plain&method=PUT&size=5"));
        results.put("GET /s3/params (PUT, cold)", warm(lastMillis, warm, () -> get("/s3/params?filename=a.txt&type=text/plain&method=PUT&size=5")));
        route(results, "GET /s3/params (POST form)", warm, () -> get("/s3/params?filename=a.txt&type=text/plain"));
        String downloadKey = storedObject(JSON.readTree(firstPut.body()));
        route(results, "GET /s3/download", warm, () -> get("/s3/download?key=" + enc(downloadKey)));
        return results;
    }

    private double lastMillis;

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        lastMillis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() >= 500) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private void route(Map<String, double[]> results, String name, int warm, Call call) throws Exception {
        double first = timed(call.request());
        results.put(name, warm(first, warm, call));
    }

    /** The first request's time and the median of {@code warm} more. */
    private double[] warm(double first, int warm, Call call) throws Exception {
        double[] samples = new double[warm];
        for (int i = 0; i < warm; i++) {
            samples[i] = timed(call.request());
        }
        Arrays.sort(samples);
        return new double[] {first, samples[(warm - 1) / 2]};
    }

    private double timed(HttpRequest request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() >= 500) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return millis;
    }

    private JsonNode created(String name, long size) throws Exception {
        HttpResponse<String> response = http.send(post("/s3/multipart", "{\"filename\":\"" + name
                + "\",\"type\":\"application/octet-stream\",\"size\":" + size + "}"), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("create: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A small object to download, stored through the presigned single PUT of this answer. */
    private String storedObject(JsonNode put) throws Exception {
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(put.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("hello"));
        put.get("headers").properties().forEach(header -> {
            if (!header.getKey().equalsIgnoreCase("content-length") && !header.getKey().equalsIgnoreCase("host")) {
                upload.header(header.getKey(), header.getValue().asText());
            }
        });
        HttpResponse<String> stored = http.send(upload.build(), HttpResponse.BodyHandlers.ofString());
        if (stored.statusCode() != 200) {
            throw new IllegalStateException("PUT: " + stored.statusCode() + " " + stored.body());
        }
        return put.get("key").asText();
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).GET().build();
    }

    private HttpRequest post(String pathAndQuery, String json) {
        return HttpRequest.newBuilder(URI.create(api + pathAndQuery)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
