package dev.uploadgate.client.testing;

import dev.uploadgate.functions.testing.S3ProxyServer;
import dev.uploadgate.local.LocalMode;
import dev.uploadgate.local.LocalOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Local mode's gateway started in this JVM with its handlers in process (no runtime processes: fast
 * to start), on a free port, against the tests' S3Proxy. Routes and events come from the
 * repository's template.yaml, as they do for {@code java -jar local.jar}.
 */
final class LocalModes {
    /** The repository root: the tests run in client/. */
    private static final Path PROJECT_ROOT = Path.of("..");

    private LocalModes() {
    }

    /**
     * @param s3Endpoint      where the functions send their S3 calls (S3Proxy, or a fault proxy in front of it)
     * @param urlExpiresSeconds the lifetime of every presigned URL
     */
    static LocalMode inProcess(S3ProxyServer s3, URI s3Endpoint, int urlExpiresSeconds) throws Exception {
        return LocalMode.start(LocalOptions.parse(List.of("--in-process", "--port", "0",
                "--s3-endpoint", s3Endpoint.toString(),
                "--s3-access-key", S3ProxyServer.ACCESS_KEY, "--s3-secret-key", S3ProxyServer.SECRET_KEY,
                "--bucket", S3ProxyServer.BUCKET,
                "--parameter", "UrlExpiresSeconds=" + urlExpiresSeconds,
                // Every test shares the bucket and the open owner, and many leave uploads open on purpose.
                "--parameter", "MaxOpenUploadsPerOwner=10000")), PROJECT_ROOT);
    }
}
