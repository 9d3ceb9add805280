package dev.uploadgate.client.testing;

import dev.uploadgate.functions.testing.S3ProxyServer;
import java.io.IOException;
import java.util.Map;

/**
 * Local mode's stand-in until local/target/local.jar exists: the API's handlers and a SigV4-checking
 * S3Proxy on loopback ports, announced with the same two lines local mode prints. Runs until killed.
 * Only for the benchmark ({@code bench.sh --stand-in}); tests use {@link TestStack}.
 */
public final class LocalModeStandIn {
    private LocalModeStandIn() {
    }

    public static void main(String[] args) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start();
        ApiServer api = ApiServer.start(s3.environment(Map.of("URL_EXPIRES_SECONDS", "900")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            try {
                s3.close();
            } catch (IOException e) {
                System.err.println("could not stop S3Proxy: " + e);
            }
        }));
        System.out.println("API " + api.url());
        System.out.println("S3 " + s3.endpoint() + " bucket=" + S3ProxyServer.BUCKET + " access-key=" + S3ProxyServer.ACCESS_KEY
                + " secret-key=" + S3ProxyServer.SECRET_KEY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
