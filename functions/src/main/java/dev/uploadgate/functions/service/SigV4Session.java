package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * What every signature of one request or batch shares: the resolved credentials' public parts,
 * the signing time, the URL lifetime and the derived signing key. Open one per call with
 * {@link SigV4Sessions#open()}, never keep one: its time and credentials go stale. Not
 * thread-safe: it reuses one HMAC and one digest for all the URLs of a batch.
 */
public final class SigV4Session {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKeyId;
    private final Optional<String> sessionToken;
    private final Instant now;
    private final String amzDate;
    private final String scope;
    private final Duration lifetime;
    private final Mac hmac;
    private final MessageDigest sha256 = SigV4Keys.sha256();

    SigV4Session(String accessKeyId, Optional<String> sessionToken, Instant now, String amzDate, String scope,
                 Duration lifetime, byte[] signingKey) {
        this.accessKeyId = accessKeyId;
        this.sessionToken = sessionToken;
        this.now = now;
        this.amzDate = amzDate;
        this.scope = scope;
        this.lifetime = lifetime;
        this.hmac = SigV4Keys.hmacSha256(signingKey);
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
        String hash = HexFormat.of().formatHex(sha256.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        return sign(ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + hash);
    }

    /** The hex HMAC of a string to sign as it is (a POST policy signs its encoded policy). */
    String sign(String stringToSign) {
        return HexFormat.of().formatHex(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }
}
