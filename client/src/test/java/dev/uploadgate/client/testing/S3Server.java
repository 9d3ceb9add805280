package dev.uploadgate.client.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy in this JVM on a free loopback port, filesystem-backed (the transient store keeps every
 * byte on the heap), with SigV4 enforced so every presigned URL is really checked.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "client-test-access-key";
    static final String SECRET_KEY = "client-test-secret-key";
    static final String BUCKET = "client-test-uploads";

    private final S3Proxy proxy;
    private final Path dataDir;
    private final URI endpoint;
    private final S3Client admin;

    private S3Server(S3Proxy proxy, Path dataDir) {
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

    static S3Server start() throws Exception {
        Path dataDir = Files.createTempDirectory("client-s3proxy");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dataDir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        S3Server server = new S3Server(proxy, dataDir);
        server.admin.createBucket(b -> b.bucket(BUCKET));
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    S3Client admin() {
        return admin;
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
