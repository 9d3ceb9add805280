package dev.uploadgate.client.testing;

import java.io.IOException;
import java.util.HashMap;
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
        S3Server s3 = S3Server.start();
        Map<String, String> env = new HashMap<>();
        env.put("BUCKET_NAME", S3Server.BUCKET);
        env.put("KEY_PREFIX", "uploads/");
        env.put("URL_EXPIRES_SECONDS", "900");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        env.put("S3_ENDPOINT_URL", s3.endpoint().toString());
        ApiServer api = ApiServer.start(env);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            try {
                s3.close();
            } catch (IOException e) {
                System.err.println("could not stop S3Proxy: " + e);
            }
        }));
        System.out.println("API " + api.url());
        System.out.println("S3 " + s3.endpoint() + " bucket=" + S3Server.BUCKET + " access-key=" + S3Server.ACCESS_KEY
                + " secret-key=" + S3Server.SECRET_KEY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
