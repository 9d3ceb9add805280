package dev.uploadgate.client.testing;

import dev.uploadgate.functions.testing.S3ProxyServer;
import dev.uploadgate.local.LocalMode;
import java.io.IOException;

/**
 * Local mode in one test JVM, its handlers in process, against a SigV4-checking S3Proxy, announced
 * with the same two lines {@code java -jar local.jar} prints. Runs until killed. Only for the
 * benchmark ({@code bench.sh --stand-in}); tests use {@link TestStack}.
 */
public final class LocalModeStandIn {
    private LocalModeStandIn() {
    }

    public static void main(String[] args) throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start();
        LocalMode local = LocalModes.inProcess(s3, s3.endpoint(), 900);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                local.close();
                s3.close();
            } catch (IOException e) {
                System.err.println("could not stop local mode or S3Proxy: " + e);
            }
        }));
        System.out.println("API http://127.0.0.1:" + local.port());
        System.out.println("S3 " + s3.endpoint() + " bucket=" + S3ProxyServer.BUCKET + " access-key=" + S3ProxyServer.ACCESS_KEY
                + " secret-key=" + S3ProxyServer.SECRET_KEY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
