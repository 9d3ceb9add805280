package dev.uploadgate.client.testing;

import dev.uploadgate.functions.testing.S3ProxyServer;
import dev.uploadgate.local.LocalMode;
import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The whole system on loopback ports: S3Proxy with SigV4 enforced, a {@link FaultProxy} in front
 * of it (every presigned URL points at the proxy, and the API's own S3 calls pass through it too),
 * and local mode's gateway (routes and events from template.yaml, handlers in this JVM) behind a
 * second {@link FaultProxy}, so tests can see and break API calls too. One per test run (see
 * {@link TestStackExtension}).
 */
public final class TestStack implements AutoCloseable {
    static {
        // The fault proxy forwards each request with the Host it was signed for (set in the POM too,
        // for the JDK reads it once).
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private final S3ProxyServer s3;
    private final FaultProxy proxy;
    private final LocalMode local;
    private final FaultProxy api;

    private TestStack(S3ProxyServer s3, FaultProxy proxy, LocalMode local, FaultProxy api) {
        this.s3 = s3;
        this.proxy = proxy;
        this.local = local;
        this.api = api;
    }

    static TestStack start() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start();
        FaultProxy proxy = FaultProxy.start(s3.endpoint());
        // The functions reach S3 through the fault proxy, so tests can break their S3 calls too.
        LocalMode local = LocalModes.inProcess(s3, proxy.endpoint(), 300);
        return new TestStack(s3, proxy, local, FaultProxy.start(URI.create("http://127.0.0.1:" + local.port())));
    }

    /** The API as the client calls it: through the API's fault proxy. */
    public URI apiUrl() {
        return api.endpoint();
    }

    /** The proxy in front of the API: its log of calls, and the faults a test asks for. */
    public FaultProxy api() {
        return api;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    public S3Client admin() {
        return s3.admin();
    }

    /** The stored object's bytes, read straight from S3 (not through the client under test). */
    public byte[] objectBytes(String key) {
        return s3.admin().getObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    public boolean objectExists(String key) {
        try {
            s3.admin().headObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public boolean uploadExists(String key, String uploadId) {
        return s3.admin().listMultipartUploads(b -> b.bucket(S3ProxyServer.BUCKET).prefix(key)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(uploadId));
    }

    /** Forget faults and logs: the start of every test. */
    public void reset() {
        proxy.reset();
        api.reset();
    }

    @Override
    public void close() throws IOException {
        api.close();
        local.close();
        proxy.close();
        s3.close();
    }
}
