package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What every signature of one request or batch shares: the resolved credentials' public parts,
 * the signing time, the URL lifetime and the derived signing key. Open one per call with
 * {@link SigV4Sessions#open()}, never keep one: its time and credentials go stale.
 */
public final class SigV4Session {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKeyId;
    private final Optional<String> sessionToken;
    private final Instant now;
    private final String amzDate;
    private final String scope;
    private final Duration lifetime;
    private final byte[] signingKey;

    SigV4Session(String accessKeyId, Optional<String> sessionToken, Instant now, String amzDate, String scope,
                 Duration lifetime, byte[] signingKey) {
        this.accessKeyId = accessKeyId;
        this.sessionToken = sessionToken;
        this.now = now;
        this.amzDate = amzDate;
        this.scope = scope;
        this.lifetime = lifetime;
        this.signingKey = signingKey;
    }

    /** The X-Amz-Credential value: access key id and scope. */
    String credential() {
        return accessKeyId + "/" + scope;
    }

    /** The signing time as X-Amz-Date writes it (yyyyMMdd'T'HHmmss'Z'). */
    String amzDate() {
        return amzDate;
    }

    Instant now() {
        return now;
    }

    Optional<String> sessionToken() {
        return sessionToken;
    }

    /** How long what is signed now may stay valid. */
    Duration lifetime() {
        return lifetime;
    }

    /** The hex signature of a canonical request (query-string and header signing). */
    String signCanonicalRequest(String canonicalRequest) {
        return sign(ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + SigV4Keys.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex HMAC of a string to sign as it is (a POST policy signs its encoded policy). */
    String sign(String stringToSign) {
        return HexFormat.of().formatHex(SigV4Keys.hmac(signingKey, stringToSign));
    }
}
