package dev.uploadgate.functions.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: the shared S3Proxy server, and every handler built from an
 * environment pointing at it, as Lambda would build them.
 */
@ExtendWith(S3ProxyExtension.class)
public abstract class S3ProxyIntegrationTest {
    protected static S3ProxyServer s3;
    protected static Api api;

    @BeforeAll
    static void connect(S3ProxyServer server) {
        s3 = server;
        api = new Api(server.environment());
    }
}
