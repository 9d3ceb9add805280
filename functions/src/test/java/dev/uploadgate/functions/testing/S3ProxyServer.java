package dev.uploadgate.functions.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server in this JVM: S3Proxy on a free loopback port, filesystem-backed,
 * with SigV4 authentication enforced, so every presigned URL the tests use is really checked.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String BUCKET = "test-uploads";

    private final S3Proxy proxy;
    private final Path dataDir;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyServer(S3Proxy proxy, Path dataDir) {
        this.proxy = proxy;
        this.dataDir = dataDir;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.admin = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts a server with one empty bucket, {@value #BUCKET}. */
    public static S3ProxyServer start() throws Exception {
        return start(UnaryOperator.identity());
    }

    /**
     * Starts a server whose blob store is {@code wrap} applied to the real one, typically a
     * {@link org.gaul.s3proxy.blobstore.ForwardingBlobStore} that overrides one method to fail, so
     * a fault is injected exactly where S3 would fail (a server of its own: the shared one stays healthy).
     */
    public static S3ProxyServer start(UnaryOperator<BlobStore> wrap) throws Exception {
        Path dataDir = Files.createTempDirectory("s3proxy-test");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(wrap.apply(new FilesystemNio2BlobStore(dataDir.toString())))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .corsRules(new CrossOriginResourceSharing(List.of("http://localhost:3000"), List.of("GET", "PUT", "POST", "HEAD"),
                        List.of("*"), List.of("ETag"), "false"))
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        S3ProxyServer server = new S3ProxyServer(proxy, dataDir);
        server.admin.createBucket(b -> b.bucket(BUCKET));
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An S3 client with the server's credentials, for checking what the API did. */
    public S3Client admin() {
        return admin;
    }

    /** The environment a function runs with against this server. */
    public Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("BUCKET_NAME", BUCKET);
        env.put("KEY_PREFIX", "uploads/");
        // Every test class shares this server and the open owner, and many leave uploads open on
        // purpose; the quota itself is tested with its own prefix and limit (OpenUploadQuotaIT).
        env.put("MAX_OPEN_UPLOADS_PER_OWNER", "10000");
        env.put("URL_EXPIRES_SECONDS", "300");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("S3_ENDPOINT_URL", endpoint.toString());
        env.putAll(overrides);
        return env;
    }

    public Map<String, String> environment() {
        return environment(Map.of());
    }

    @Override
    public void close() throws IOException {
        admin.close();
        try {
            proxy.stop();
        } catch (Exception e) { // S3Proxy.stop() declares Exception
            throw new IOException("S3Proxy did not stop", e);
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new IllegalStateException("could not delete " + path, e);
                }
            });
        }
    }
}
