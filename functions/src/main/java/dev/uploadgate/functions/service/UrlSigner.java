package dev.uploadgate.functions.service;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Presigns S3 requests with SigV4 query parameters and an unsigned payload. Signing is local
 * cryptography: no call reaches S3, so a presign function needs no S3 client, no HTTP client and
 * no SDK request pipeline. The URLs are the ones the SDK's S3Presigner makes for the same request
 * (same host and path style, encoding, parameter order and signed headers; the tests compare them
 * byte for byte).
 */
public final class UrlSigner {
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final SigV4Sessions sessions;
    private final S3Location location;

    /** @param endpoint the S3_ENDPOINT_URL override (path style), or empty for AWS itself */
    public UrlSigner(SigV4Sessions sessions, String bucket, String region, Optional<URI> endpoint) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.location = S3Location.of(Objects.requireNonNull(bucket, "bucket"), Objects.requireNonNull(region, "region"), endpoint);
    }

    /** An UploadPart URL; a given length or MD5 is signed, so S3 refuses a body that differs. */
    public SignedRequest uploadPart(String key, String uploadId, int partNumber, OptionalLong contentLength, Optional<String> contentMd5) {
        Map<String, String> headers = new TreeMap<>();
        contentLength.ifPresent(length -> headers.put("content-length", Long.toString(length)));
        contentMd5.ifPresent(md5 -> headers.put("content-md5", md5));
        return uploadPart(sessions.open(), location.objectPath(key), uploadId, partNumber, headers);
    }

    /** UploadPart URLs without bindings, in the order of the part numbers, signed with one session. */
    public List<SignedRequest> uploadParts(String key, String uploadId, List<Integer> partNumbers) {
        SigV4Session session = sessions.open();
        String path = location.objectPath(key);
        List<SignedRequest> signed = new ArrayList<>(partNumbers.size());
        for (int partNumber : partNumbers) {
            signed.add(uploadPart(session, path, uploadId, partNumber, Map.of()));
        }
        return signed;
    }

    /** A single PutObject URL with the content type (and the length, when given) signed. */
    public SignedRequest putObject(String key, String contentType, OptionalLong contentLength, Map<String, String> metadata) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", contentType);
        contentLength.ifPresent(length -> headers.put("content-length", Long.toString(length)));
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        return sign(sessions.open(), "PUT", location.objectPath(key), "", headers);
    }

    public SignedRequest getObject(String key) {
        return sign(sessions.open(), "GET", location.objectPath(key), "", Map.of());
    }

    private SignedRequest uploadPart(SigV4Session session, String path, String uploadId, int partNumber, Map<String, String> headers) {
        String operationQuery = "partNumber=" + partNumber + "&uploadId=" + S3UriEncoding.encode(uploadId);
        return sign(session, "PUT", path, operationQuery, headers);
    }

    /**
     * @param path           the encoded path, as in the URL and the canonical request
     * @param operationQuery the operation's own query parameters, encoded and in the URL order,
     *                       which for these operations is also their canonical order, after the
     *                       X-Amz ones (upper case sorts first)
     * @param headers        lower-case names to values, sorted, without host
     */
    private SignedRequest sign(SigV4Session session, String method, String path, String operationQuery, Map<String, String> headers) {
        String signedHeaders = signedHeaderNames(headers);
        String credential = S3UriEncoding.encode(session.credential());
        String expires = Long.toString(session.lifetime().toSeconds());
        String token = session.sessionToken().map(S3UriEncoding::encode).orElse(null);
        String encodedSignedHeaders = S3UriEncoding.encode(signedHeaders);

        StringBuilder canonical = new StringBuilder(512).append(method).append('\n').append(path).append('\n')
                .append("X-Amz-Algorithm=").append(SigV4Session.ALGORITHM)
                .append("&X-Amz-Credential=").append(credential)
                .append("&X-Amz-Date=").append(session.amzDate())
                .append("&X-Amz-Expires=").append(expires);
        if (token != null) {
            canonical.append("&X-Amz-Security-Token=").append(token);
        }
        canonical.append("&X-Amz-SignedHeaders=").append(encodedSignedHeaders);
        if (!operationQuery.isEmpty()) {
            canonical.append('&').append(operationQuery);
        }
        canonical.append('\n');
        appendCanonicalHeaders(canonical, headers);
        canonical.append('\n').append(signedHeaders).append('\n').append(UNSIGNED_PAYLOAD);
        String signature = session.signCanonicalRequest(canonical.toString());

        StringBuilder url = new StringBuilder(512).append(location.origin()).append(path).append('?');
        if (!operationQuery.isEmpty()) {
            url.append(operationQuery).append('&');
        }
        if (token != null) {
            url.append("X-Amz-Security-Token=").append(token).append('&');
        }
        url.append("X-Amz-Algorithm=").append(SigV4Session.ALGORITHM)
                .append("&X-Amz-Date=").append(session.amzDate())
                .append("&X-Amz-SignedHeaders=").append(encodedSignedHeaders)
                .append("&X-Amz-Credential=").append(credential)
                .append("&X-Amz-Expires=").append(expires)
                .append("&X-Amz-Signature=").append(signature);
        return new SignedRequest(url.toString(), headers, session.lifetime().toSeconds());
    }

    /** host sorts between content-* and x-amz-*; the names are already sorted. */
    private static String signedHeaderNames(Map<String, String> headers) {
        StringBuilder names = new StringBuilder();
        boolean hostAdded = false;
        for (String name : headers.keySet()) {
            if (!hostAdded && name.compareTo("host") > 0) {
                names.append("host;");
                hostAdded = true;
            }
            names.append(name).append(';');
        }
        if (!hostAdded) {
            names.append("host;");
        }
        return names.substring(0, names.length() - 1);
    }

    private void appendCanonicalHeaders(StringBuilder canonical, Map<String, String> headers) {
        boolean hostAdded = false;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!hostAdded && header.getKey().compareTo("host") > 0) {
                canonical.append("host:").append(location.host()).append('\n');
                hostAdded = true;
            }
            canonical.append(header.getKey()).append(':').append(canonicalValue(header.getValue())).append('\n');
        }
        if (!hostAdded) {
            canonical.append("host:").append(location.host()).append('\n');
        }
    }

    /** SigV4 trims a header value and folds runs of spaces into one. */
    private static String canonicalValue(String value) {
        String trimmed = value.strip();
        return trimmed.contains("  ") ? trimmed.replaceAll(" {2,}", " ") : trimmed;
    }
}
