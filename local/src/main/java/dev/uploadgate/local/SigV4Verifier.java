package dev.uploadgate.local;

import dev.uploadgate.functions.service.SigV4Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a request's SigV4 signature the way API Gateway's AWS_IAM authorization does for service
 * {@code execute-api}: the canonical request (path encoded twice, sorted query, the signed headers,
 * the payload's SHA-256), the credential scope, and the clock (at most 5 minutes off). A request
 * it accepts comes from the user whose key signed it.
 */
final class SigV4Verifier {
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "execute-api";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

    private final Map<String, String> secretsByAccessKey;
    private final String region;

    SigV4Verifier(Map<String, String> secretsByAccessKey, String region) {
        this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
        this.region = Objects.requireNonNull(region, "region");
    }

    /** A request API Gateway would refuse, with the reason it would give. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    IamIdentity verify(GatewayRequest request, Instant now) throws Refused {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            throw new Refused("the request is not signed: SigV4 (service execute-api) is required");
        }
        Matcher header = AUTHORIZATION.matcher(authorization);
        if (!header.matches()) {
            throw new Refused("the Authorization header is not a SigV4 " + ALGORITHM + " signature");
        }
        String[] credential = header.group(1).split("/", -1);
        if (credential.length != 5 || !credential[4].equals("aws4_request")) {
            throw new Refused("the credential scope must be <access key>/<date>/<region>/execute-api/aws4_request");
        }
        String accessKey = credential[0];
        String secret = secretsByAccessKey.get(accessKey);
        if (secret == null) {
            throw new Refused("the access key " + accessKey + " is not a user of this API");
        }
        if (!credential[2].equals(region) || !credential[3].equals(SERVICE)) {
            throw new Refused("the credential scope must be for region " + region + " and service " + SERVICE
                    + ", not " + credential[2] + "/" + credential[3]);
        }
        String amzDate = request.header("X-Amz-Date");
        Instant signedAt = signedAt(amzDate);
        if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new Refused("the signature's date " + amzDate + " is more than 5 minutes from the server's clock");
        }
        if (!amzDate.startsWith(credential[1])) {
            throw new Refused("the credential scope's date does not match X-Amz-Date");
        }
        List<String> signedHeaders = Arrays.asList(header.group(2).split(";"));
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            throw new Refused("the signature must cover the host and x-amz-date headers");
        }
        String payloadHash = SigV4Keys.sha256Hex(request.body());
        String declaredHash = request.header("X-Amz-Content-Sha256");
        if (declaredHash != null && !declaredHash.equalsIgnoreCase(payloadHash)) {
            throw new Refused("X-Amz-Content-Sha256 does not match the body");
        }
        String scope = String.join("/", credential[1], credential[2], credential[3], credential[4]);
        String canonicalRequest = canonicalRequest(request, signedHeaders, payloadHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + SigV4Keys.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] expected = SigV4Keys.hmac(SigV4Keys.signingKey(secret, credential[1], credential[2], SERVICE), stringToSign);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(header.group(3)))) {
            throw new Refused("the request signature does not match: check the secret key and how the request was signed");
        }
        return IamIdentity.localUser(accessKey);
    }

    private static Instant signedAt(String amzDate) throws Refused {
        if (amzDate == null) {
            throw new Refused("X-Amz-Date is required with a SigV4 signature");
        }
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Refused("X-Amz-Date is not a date of the form yyyyMMdd'T'HHmmss'Z'");
        }
    }

    private static String canonicalRequest(GatewayRequest request, List<String> signedHeaders, String payloadHash) throws Refused {
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(canonicalPath(request.rawPath())).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        Map<String, String> headers = canonicalHeaders(request.headers());
        for (String name : signedHeaders) {
            String value = headers.get(name);
            if (value == null) {
                throw new Refused("the signed header " + name + " is missing from the request");
            }
            canonical.append(name).append(':').append(value).append('\n');
        }
        return canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash).toString();
    }

    /** Services other than S3 sign the path encoded twice: the path as sent, encoded once more. */
    static String canonicalPath(String rawPath) {
        String canonical = Arrays.stream(rawPath.split("/", -1)).map(SigV4Verifier::encode).collect(Collectors.joining("/"));
        return canonical.startsWith("/") ? canonical : "/" + canonical;
    }

    /** Parameters decoded, re-encoded the SigV4 way, sorted by name and then value. */
    static String canonicalQuery(String rawQuery) throws Refused {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (QueryStrings.Pair pair : QueryStrings.pairs(rawQuery)
                .orElseThrow(() -> new Refused("the query string is not valid percent-encoded UTF-8"))) {
            pairs.add(new String[] {encode(pair.name()), encode(pair.value())});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    private static Map<String, String> canonicalHeaders(Map<String, List<String>> headers) {
        Map<String, String> canonical = new LinkedHashMap<>();
        headers.forEach((name, values) -> canonical.merge(name.toLowerCase(Locale.ROOT),
                String.join(",", values.stream().map(v -> v.trim().replaceAll("\\s+", " ")).toList()),
                (a, b) -> a + "," + b));
        return canonical;
    }

    /** RFC 3986 unreserved characters stay; every other byte of the UTF-8 is %XX, upper case. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
