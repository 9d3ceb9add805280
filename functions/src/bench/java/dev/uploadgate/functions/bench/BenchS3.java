package dev.uploadgate.functions.bench;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cold-start benchmark's S3 server: S3Proxy 4.1.0 (the server local mode embeds) in this JVM,
 * objects as files under a folder, SigV4 enforced. One store behind two doors, so an upload made
 * through one is seen through the other:
 * <ul>
 *   <li>plain HTTP on a free loopback port, path-style: what {@code S3_ENDPOINT_URL} points at;</li>
 *   <li>with an {@link AwsS3Host}, HTTPS on port 443 of a loopback address per S3 host the SDK uses
 *   ({@code <bucket>.s3.amazonaws.com}, {@code <bucket>.s3.us-east-1.amazonaws.com}), answering
 *   virtual-hosted requests: what a function without an endpoint override reaches, TLS handshake
 *   included. Doors of their own because S3Proxy takes one virtual host, and once given one reads
 *   any other Host header as a bucket name, which breaks path-style requests.</li>
 * </ul>
 */
final class BenchS3 implements AutoCloseable {
    static final String ACCESS_KEY = "bench-access-key";
    static final String SECRET_KEY = "bench-secret-key";
    /** DNS-compatible, as a virtual-hosted bucket must be. */
    static final String BUCKET = "uploadgate-bench";
    static final String REGION = "us-east-1";

    private final List<S3Proxy> doors;
    private final URI endpoint;
    private final S3Client admin;

    private BenchS3(List<S3Proxy> doors, URI endpoint, S3Client admin) {
        this.doors = doors;
        this.endpoint = endpoint;
        this.admin = admin;
    }

    static BenchS3 start(Path dataDir, Optional<AwsS3Host> aws) throws Exception {
        Files.createDirectories(dataDir);
        BlobStore store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
        List<S3Proxy> doors = new ArrayList<>();
        try {
            S3Proxy plain = door(S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0")));
            doors.add(plain);
            for (AwsS3Host.Door door : aws.map(AwsS3Host::doors).orElse(List.of())) {
                try {
                    doors.add(door(S3Proxy.builder().blobStore(store)
                            .secureEndpoint(URI.create("https://" + door.address() + ":" + AwsS3Host.PORT))
                            .keyStore(aws.get().keyStore().toString(), aws.get().keyStorePassword())
                            .virtualHost(door.virtualHost())));
                } catch (Exception e) { // S3Proxy.start() declares Exception
                    throw hasBindCause(e) ? new IOException("cannot listen on " + door.address() + ":" + AwsS3Host.PORT
                            + ", where the S3 functions' -noendpoint runs connect: is another server there? (Binding a port"
                            + " below 1024 also needs root, CAP_NET_BIND_SERVICE or net.ipv4.ip_unprivileged_port_start=443;"
                            + " or leave those runs out.)", e) : e;
                }
            }
            URI endpoint = URI.create("http://127.0.0.1:" + plain.getPort());
            S3Client admin = S3Client.builder().region(Region.of(REGION)).endpointOverride(endpoint).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            if (!admin.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET))) {
                admin.createBucket(b -> b.bucket(BUCKET));
            }
            return new BenchS3(doors, endpoint, admin);
        } catch (Exception e) {
            for (S3Proxy door : doors) {
                door.stop();
            }
            throw e;
        }
    }

    private static S3Proxy door(S3Proxy.Builder builder) throws Exception {
        S3Proxy proxy = builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).stopTimeout(0).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            if (proxy.getState().equals("FAILED")) {
                throw new IOException("S3Proxy did not start");
            }
            Thread.sleep(10);
        }
        return proxy;
    }

    private static boolean hasBindCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The plain HTTP door, for {@code S3_ENDPOINT_URL}. */
    URI endpoint() {
        return endpoint;
    }

    /** A client of the plain door with the server's credentials: sets up the uploads the events name. */
    S3Client admin() {
        return admin;
    }

    @Override
    public void close() throws IOException {
        admin.close();
        for (S3Proxy door : doors) {
            try {
                door.stop();
            } catch (Exception e) { // S3Proxy.stop() declares Exception
                throw new IOException("S3Proxy did not stop", e);
            }
        }
    }
}
