package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    private final CorsPolicy policy = new CorsPolicy(List.of("http://localhost:3000"), List.of("GET", "POST"),
            List.of("content-type"), List.of("x-request-id"), Optional.of(600), false);

    @Test
    void preflightHeaders_allowedOrigin_echoesOriginWithConfiguredLists() {
        assertThat(policy.preflightHeaders("http://localhost:3000")).isEqualTo(Map.of(
                "Access-Control-Allow-Origin", "http://localhost:3000",
                "Vary", "Origin",
                "Access-Control-Allow-Methods", "GET,POST",
                "Access-Control-Allow-Headers", "content-type",
                "Access-Control-Max-Age", "600"));
    }

    @Test
    void preflightHeaders_otherOrigin_hasNoCorsHeaders() {
        assertThat(policy.preflightHeaders("http://evil.example")).isEmpty();
        assertThat(policy.preflightHeaders(null)).isEmpty();
    }

    @Test
    void responseHeaders_allowedOrigin_includesExposedHeaders() {
        assertThat(policy.responseHeaders("http://LOCALHOST:3000")).containsEntry("Access-Control-Allow-Origin", "http://LOCALHOST:3000")
                .containsEntry("Access-Control-Expose-Headers", "x-request-id")
                .containsEntry("Vary", "Origin");
        assertThat(policy.responseHeaders("http://localhost:4000")).isEmpty();
    }

    @Test
    void responseHeaders_wildcardWithoutCredentials_isStar() {
        assertThat(CorsPolicy.allowAll().responseHeaders("http://any.example"))
                .isEqualTo(Map.of("Access-Control-Allow-Origin", "*"));
    }

    @Test
    void withOrigins_addsOnlyNewOrigins() {
        CorsPolicy wider = policy.withOrigins(List.of("http://localhost:3000", "http://127.0.0.1:4000"));

        assertThat(wider.allowOrigins()).containsExactly("http://localhost:3000", "http://127.0.0.1:4000");
        assertThat(wider.allowsOrigin("http://127.0.0.1:4000")).isTrue();
    }

    @Test
    void isPreflight_needsOptionsOriginAndRequestMethod() {
        assertThat(CorsPolicy.isPreflight("OPTIONS", "http://a", "PUT")).isTrue();
        assertThat(CorsPolicy.isPreflight("OPTIONS", null, "PUT")).isFalse();
        assertThat(CorsPolicy.isPreflight("OPTIONS", "http://a", null)).isFalse();
        assertThat(CorsPolicy.isPreflight("GET", "http://a", "PUT")).isFalse();
    }
}
