package dev.uploadgate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.client.testing.Commands;
import dev.uploadgate.functions.testing.S3ProxyServer;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code upload.jar check-bucket} against the embedded S3 (S3Proxy, SigV4 enforced). S3Proxy
 * answers 501 to most bucket configuration calls (its CORS rules come from its builder and are not
 * readable through GetBucketCors): those items must come out as "could not be checked", with the
 * reason, and never crash the check or pass it. A bucket that cannot be read is exit 8.
 */
class CheckBucketS3ProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Commands.awsEnvironment(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    private static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static Commands.Run check(Map<String, String> env, String endpoint, String bucket, String... more) throws Exception {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"check-bucket", bucket, "--origin", "http://localhost:3000", "--endpoint-url=" + endpoint}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return Commands.uploadJar(env, args);
    }

    @Test
    void checkBucket_unimplementedCalls_areUncheckedWithTheReasonAndTheMissingPolicyIsReported() throws Exception {
        Commands.Run run = check(ENV, s3.endpoint().toString(), S3ProxyServer.BUCKET, "--json");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.BUCKET_NOT_READY);
        assertThat(run.err()).isEmpty();
        Map<String, JsonNode> items = new LinkedHashMap<>();
        JSON.readTree(run.out()).get("items").forEach(item -> items.put(item.get("id").asText(), item));
        assertThat(items.get("cors").get("status").asText()).isEqualTo("UNCHECKED");
        assertThat(items.get("cors").get("detail").asText())
                .startsWith("could not be checked: the server does not implement GetBucketCors (501 NotImplemented");
        for (String id : new String[] {"lifecycle", "public-access-block", "encryption", "ownership"}) {
            assertThat(items.get(id).get("status").asText()).as(id).isEqualTo("UNCHECKED");
            assertThat(items.get(id).get("detail").asText()).as(id).contains("does not implement", "501");
        }
        // S3Proxy does answer GetBucketPolicy: NoSuchPolicy, which is "absent".
        assertThat(items.get("tls-only").get("status").asText()).isEqualTo("MISSING");
        assertThat(items.get("tls-only").get("detail").asText()).isEqualTo("the bucket has no policy");
    }

    @Test
    void checkBucket_text_printsEachItemAndTheVerdict() throws Exception {
        Commands.Run run = check(ENV, s3.endpoint().toString(), S3ProxyServer.BUCKET);

        assertThat(run.exit()).isEqualTo(ExitCodes.BUCKET_NOT_READY);
        assertThat(run.out()).contains("UNCHECKED  abandoned-upload lifecycle rule: could not be checked: the server does not implement",
                "MISSING    TLS-only bucket policy: the bucket has no policy",
                "fix: aws --endpoint-url " + s3.endpoint() + " ",
                "not ready: 1 required item(s) missing: tls-only");
    }

    @Test
    void checkBucket_noSuchBucket_isUnreadable() throws Exception {
        Commands.Run run = check(ENV, s3.endpoint().toString(), "no-such-bucket");

        assertThat(run.exit()).isEqualTo(ExitCodes.BUCKET_UNREADABLE);
        assertThat(run.err()).contains("no bucket no-such-bucket here");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void checkBucket_wrongSecret_isUnreadableAccessDenied() throws Exception {
        Commands.Run run = check(Commands.awsEnvironment(S3ProxyServer.ACCESS_KEY, "wrong-secret"), s3.endpoint().toString(), S3ProxyServer.BUCKET);

        assertThat(run.exit()).isEqualTo(ExitCodes.BUCKET_UNREADABLE);
        assertThat(run.err()).contains("access denied to bucket " + S3ProxyServer.BUCKET);
    }

    @Test
    void checkBucket_nothingListening_isUnreadable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Commands.Run run = check(ENV, "http://127.0.0.1:" + port, S3ProxyServer.BUCKET, "--json");

        assertThat(run.exit()).isEqualTo(ExitCodes.BUCKET_UNREADABLE);
        assertThat(run.err()).contains("cannot reach S3");
        assertThat(JSON.readTree(run.out()).get("ready").asBoolean()).isFalse();
    }
}
