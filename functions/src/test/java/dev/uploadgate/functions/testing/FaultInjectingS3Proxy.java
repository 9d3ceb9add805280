package dev.uploadgate.functions.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
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
 * A private S3Proxy whose blob store a test wraps, typically in a
 * {@link org.gaul.s3proxy.blobstore.ForwardingBlobStore} that overrides one method to fail, so a
 * fault can be injected exactly where S3 would fail. Same credentials, bucket and environment as
 * {@link S3ProxyServer}; a separate server so the shared one stays healthy for every other test.
 */
public final class FaultInjectingS3Proxy implements AutoCloseable {
    private final S3Proxy proxy;
    private final Path dataDir;
    private final URI endpoint;
    private final S3Client admin;

    private FaultInjectingS3Proxy(S3Proxy proxy, Path dataDir) {
        this.proxy = proxy;
        this.dataDir = dataDir;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.admin = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Starts a filesystem-backed server whose blob store is {@code wrap} applied to the real one,
     * with the bucket {@value S3ProxyServer#BUCKET} created.
     */
    public static FaultInjectingS3Proxy start(UnaryOperator<BlobStore> wrap) throws Exception {
        Path dataDir = Files.createTempDirectory("s3proxy-faults");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(wrap.apply(new FilesystemNio2BlobStore(dataDir.toString())))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        FaultInjectingS3Proxy server = new FaultInjectingS3Proxy(proxy, dataDir);
        server.admin.createBucket(b -> b.bucket(S3ProxyServer.BUCKET));
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with the server's credentials, for checking what the API did. */
    public S3Client admin() {
        return admin;
    }

    /** The environment a function runs with against this server. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("BUCKET_NAME", S3ProxyServer.BUCKET);
        env.put("KEY_PREFIX", "uploads/");
        env.put("URL_EXPIRES_SECONDS", "300");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("S3_ENDPOINT_URL", endpoint.toString());
        return env;
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
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
