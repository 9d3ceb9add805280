package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SigV4Verifier verifier = new SigV4Verifier(Map.of("AKIDALICE", "alice-secret", "AKIDBOB", "bob-secret"), "us-east-1");

    @Test
    void verify_requestSignedByTheSdk_isTheSigningUser() throws Exception {
        byte[] body = "{\"filename\":\"a b.txt\"}".getBytes(StandardCharsets.UTF_8);
        GatewayRequest request = signed("POST", "/s3/multipart", "x=1", body, "AKIDALICE", "alice-secret", CLOCK);

        IamIdentity caller = verifier.verify(request, NOW);

        assertThat(caller.accessKey()).isEqualTo("AKIDALICE");
        assertThat(caller.userArn()).isEqualTo("arn:aws:iam::000000000000:user/AKIDALICE");
    }

    @Test
    void verify_encodedPathAndQuery_matchTheSdksCanonicalForm() throws Exception {
        GatewayRequest request = signed("GET", "/s3/multipart/abc%2Fdef%3D%3D/batch",
                "key=uploads%2Fpublic%2Fid%2Fholiday%20video.mp4&partNumbers=2%2C1", new byte[0], "AKIDBOB", "bob-secret", CLOCK);

        assertThat(verifier.verify(request, NOW).accessKey()).isEqualTo("AKIDBOB");
    }

    @Test
    void verify_tamperedBodyQueryOrPath_isRefused() throws Exception {
        GatewayRequest request = signed("POST", "/s3/multipart", "a=1", "{}".getBytes(StandardCharsets.UTF_8), "AKIDALICE", "alice-secret", CLOCK);

        assertRefused(with(request, request.rawPath(), request.rawQuery(), "{ }".getBytes(StandardCharsets.UTF_8)), "does not match");
        assertRefused(with(request, request.rawPath(), "a=2", request.body()), "does not match");
        assertRefused(with(request, "/s3/multipart/x", request.rawQuery(), request.body()), "does not match");
    }

    @Test
    void verify_wrongSecretOrUnknownKey_isRefused() {
        assertRefused(signed("GET", "/s3/download", "key=k", new byte[0], "AKIDALICE", "not-alices-secret", CLOCK), "does not match");
        assertRefused(signed("GET", "/s3/download", "key=k", new byte[0], "AKIDMALLORY", "x", CLOCK), "not a user");
    }

    @Test
    void verify_signatureOlderThanFiveMinutes_isRefused() {
        Clock sixMinutesAgo = Clock.fixed(NOW.minus(Duration.ofMinutes(6)), ZoneOffset.UTC);

        assertRefused(signed("GET", "/s3/download", "key=k", new byte[0], "AKIDALICE", "alice-secret", sixMinutesAgo), "5 minutes");
    }

    @Test
    void verify_unsignedOrNotSigV4_isRefused() {
        GatewayRequest unsigned = new GatewayRequest("GET", "/s3/download", "key=k", Map.of("Host", List.of("127.0.0.1:3000")),
                new byte[0], "127.0.0.1", 3000);
        GatewayRequest bearer = new GatewayRequest("GET", "/s3/download", "key=k",
                Map.of("Host", List.of("127.0.0.1:3000"), "Authorization", List.of("Bearer abc")), new byte[0], "127.0.0.1", 3000);

        assertRefused(unsigned, "not signed");
        assertRefused(bearer, "not a SigV4");
    }

    private void assertRefused(GatewayRequest request, String reason) {
        assertThatThrownBy(() -> verifier.verify(request, NOW)).isInstanceOf(SigV4Verifier.Refused.class).hasMessageContaining(reason);
    }

    private static GatewayRequest signed(String method, String rawPath, String rawQuery, byte[] body, String accessKey, String secret,
                                         Clock clock) {
        URI uri = URI.create("http://127.0.0.1:3000" + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        Map<String, List<String>> headers = SigV4Signing.sign(method, uri, Map.of("content-type", "application/json"), body,
                accessKey, secret, clock);
        return new GatewayRequest(method, rawPath, rawQuery, headers, body, "127.0.0.1", 3000);
    }

    private static GatewayRequest with(GatewayRequest request, String rawPath, String rawQuery, byte[] body) {
        return new GatewayRequest(request.method(), rawPath, rawQuery, request.headers(), body, request.sourceIp(), request.localPort());
    }
}
