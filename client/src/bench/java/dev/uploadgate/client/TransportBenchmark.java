package dev.uploadgate.client;

import dev.uploadgate.functions.testing.S3ProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The benchmark behind the client's choice of HTTP stack (not a test; never part of
 * {@code mvn verify}): the same 128 presigned UploadPart PUTs of 8 MiB (1 GiB), 8 in flight, to
 * S3Proxy on loopback, sent by {@code java.net.http} ({@code BodyPublishers.ofByteArray}) and by
 * this client's {@link BlockingHttp}. Each run is a fresh JVM, as a CLI upload is, and reports the
 * PUTs' wall and CPU time, and the whole process's CPU time (JVM start, presigning, JIT). The
 * variants alternate, so they meet the same load. Run it with
 * {@code client/bench.sh --transport [--runs 5]}.
 */
public final class TransportBenchmark {
    private static final int PARTS = 128;
    private static final int PART_SIZE = 8 * 1024 * 1024;
    private static final int CONCURRENCY = 8;
    private static final List<String> VARIANTS = List.of("java.net.http", "BlockingHttp");

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], URI.create(args[2]), args[3]);
            return;
        }
        int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 5;
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            System.out.printf("%d PUTs of %d MiB, %d in flight, S3Proxy on loopback, %d cores, Java %s%n%n", PARTS, PART_SIZE >> 20,
                    CONCURRENCY, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("| run | HTTP stack | PUTs wall s | PUTs CPU s | process CPU s |");
            System.out.println("|---|---|---|---|---|");
            for (int run = 1; run <= runs; run++) {
                for (String variant : VARIANTS) {
                    String key = "bench/transport-" + run + "-" + variant;
                    String uploadId = s3.admin().createMultipartUpload(r -> r.bucket(S3ProxyServer.BUCKET).key(key)).uploadId();
                    String result = runChild(variant, s3.endpoint(), key + "|" + uploadId);
                    s3.admin().abortMultipartUpload(r -> r.bucket(S3ProxyServer.BUCKET).key(key).uploadId(uploadId));
                    System.out.printf("| %d | %s | %s |%n", run, variant, result.replace(" ", " | "));
                }
            }
        }
    }

    private static String runChild(String variant, URI endpoint, String upload) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"), TransportBenchmark.class.getName(),
                "--child", variant, endpoint.toString(), upload).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    last = line.substring("RESULT ".length());
                }
            }
        }
        if (child.waitFor() != 0 || last.isEmpty()) {
            throw new IllegalStateException(variant + " run failed (exit " + child.exitValue() + ")");
        }
        return last;
    }

    private static void child(String variant, URI endpoint, String upload) throws Exception {
        String key = upload.substring(0, upload.indexOf('|'));
        String uploadId = upload.substring(upload.indexOf('|') + 1);
        List<URI> urls = presign(endpoint, key, uploadId);
        byte[][] buffers = new byte[CONCURRENCY][PART_SIZE];
        Random random = new Random(7);
        for (byte[] buffer : buffers) {
            random.nextBytes(buffer);
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CONCURRENCY, false, List.of(buffers));
        HttpClient jdk = variant.equals("java.net.http") ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
        BlockingHttp blocking = new BlockingHttp(Duration.ofSeconds(10));
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        com.sun.management.OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        List<Future<?>> puts = new ArrayList<>();
        for (URI url : urls) {
            byte[] buffer = free.take();
            puts.add(workers.submit(() -> {
                try {
                    int status = jdk != null
                            ? jdk.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(buffer)).build(),
                                    HttpResponse.BodyHandlers.ofString()).statusCode()
                            : blocking.exchange("PUT", url, Map.of(), BlockingHttp.Body.of(buffer), Duration.ofMinutes(1),
                                    BlockingHttp.Answer::status);
                    if (status != 200) {
                        throw new IllegalStateException("HTTP " + status + " for " + url.getRawPath());
                    }
                } finally {
                    free.add(buffer);
                }
                return null;
            }));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        long cpuAfter = os.getProcessCpuTime();
        System.out.printf("RESULT %.2f %.2f %.2f%n", wall, (cpuAfter - cpuBefore) / 1e9, cpuAfter / 1e9);
    }

    private static List<URI> presign(URI endpoint, String key, String uploadId) {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))).build()) {
            List<URI> urls = new ArrayList<>();
            for (int part = 1; part <= PARTS; part++) {
                int number = part;
                urls.add(URI.create(presigner.presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(30))
                        .uploadPartRequest(r -> r.bucket(S3ProxyServer.BUCKET).key(key).uploadId(uploadId).partNumber(number)))
                        .url().toString()));
            }
            return urls;
        }
    }
}
