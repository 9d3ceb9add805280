package dev.uploadgate.local;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy on loopback, storing objects as files under a data folder (its in-memory store would
 * hold every uploaded byte on the heap), with SigV4 authentication enforced so presigned URLs are
 * really checked, and a CORS rule like the template's bucket rule.
 */
final class EmbeddedS3 implements AutoCloseable {
    /** Made-up credentials that only mean something to this local server. */
    static final String ACCESS_KEY = "local-access-key";
    static final String SECRET_KEY = "local-secret-key";
    /** What browsers need for direct uploads: PUT parts and single files, POST forms, GET/HEAD downloads. */
    static final List<String> CORS_METHODS = List.of("GET", "PUT", "POST", "HEAD");
    /** Without ETag exposed a browser cannot read a part's ETag and so never completes an upload. */
    static final List<String> CORS_EXPOSED_HEADERS = List.of("ETag");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * No graceful stop: Jetty would wait (30 s by default) for the keep-alive connections the SDK's
     * URLConnection pool leaves open, then fail anyway. An upload cut by Ctrl-C is retried by its client.
     */
    private static final long STOP_TIMEOUT_MILLIS = 0;

    private final S3Proxy proxy;
    private final S3Connection connection;

    private EmbeddedS3(S3Proxy proxy, S3Connection connection) {
        this.proxy = proxy;
        this.connection = connection;
    }

    /**
     * @param dataDir     created when missing
     * @param port        0 picks a free port
     * @param corsOrigins browser origins allowed to call the bucket
     */
    static EmbeddedS3 start(Path dataDir, int port, List<String> corsOrigins) throws Exception {
        Path root = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IOException("cannot create the S3 data folder " + root + ": " + e.getMessage(), e);
        }
        // S3Proxy reads each allowed origin as a regular expression; quote them so "." is a dot
        // ("*" alone is its word for any origin).
        List<String> originPatterns = corsOrigins.stream()
                .map(origin -> origin.equals("*") ? origin : Pattern.quote(origin))
                .toList();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new MultipartRules(new FilesystemNio2BlobStore(root.toString())))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // The last argument is Access-Control-Allow-Credentials, as text: presigned URLs need no cookies.
                .corsRules(new CrossOriginResourceSharing(originPatterns, CORS_METHODS, List.of("*"),
                        CORS_EXPOSED_HEADERS, "false"))
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .build();
        S3HttpRules.install(proxy);
        requireFree(port);
        try {
            proxy.start();
        } catch (Exception e) { // S3Proxy.start() declares Exception
            if (hasBindCause(e)) {
                throw portInUse(port);
            }
            throw e;
        }
        awaitStarted(proxy, port);
        S3Connection connection = new S3Connection(URI.create("http://127.0.0.1:" + proxy.getPort()), ACCESS_KEY, SECRET_KEY);
        return new EmbeddedS3(proxy, connection);
    }

    /**
     * S3Proxy's Jetty logs a failed bind as a stack trace before failing; checking first turns the
     * usual case (another local mode still running) into one line. The race left is handled on start.
     */
    private static void requireFree(int port) throws BindException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw portInUse(port);
        }
    }

    private static BindException portInUse(int port) {
        return new BindException("the embedded S3 port " + port + " on 127.0.0.1 is already in use; choose another with --s3-port N"
                + " (--s3-port 0 picks a free one)");
    }

    private static boolean hasBindCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** start() returns before Jetty listens; the port is only known once it does. */
    private static void awaitStarted(S3Proxy proxy, int port) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || Instant.now().isAfter(deadline)) {
                proxy.stop();
                if (port != 0) {
                    requireFree(port);
                }
                throw new IOException("the embedded S3 server did not start (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
    }

    S3Connection connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        try {
            proxy.stop();
        } catch (Exception e) { // S3Proxy.stop() declares Exception
            throw new IOException("the embedded S3 server did not stop", e);
        }
    }
}
