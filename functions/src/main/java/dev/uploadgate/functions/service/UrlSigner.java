package dev.uploadgate.functions.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Presigns S3 requests with SigV4 query parameters and an unsigned payload. Signing is local
 * cryptography: no call reaches S3, so a presign function needs no S3 client, no HTTP client and
 * no SDK request pipeline. The URLs are the ones the SDK's S3Presigner makes for the same request
 * (same host and path style, encoding, parameter order and signed headers; the tests compare them
 * byte for byte).
 */
public final class UrlSigner implements PartSigner {
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final SigV4Sessions sessions;
    private final S3Location location;

    /** @param location where the bucket's objects are addressed; the sessions sign for the bucket's region */
    public UrlSigner(SigV4Sessions sessions, S3Location location) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.location = Objects.requireNonNull(location, "location");
    }

    @Override
    public SignedRequest uploadPart(String key, String uploadId, int partNumber, Map<String, String> headers) {
        return uploadPart(sessions.open(), location.objectPath(key), uploadId, partNumber, new TreeMap<>(headers));
    }

    /** Signed with one session. */
    @Override
    public List<SignedRequest> uploadParts(String key, String uploadId, List<Integer> partNumbers, List<Map<String, String>> headers) {
        if (headers.size() != partNumbers.size()) {
            throw new IllegalArgumentException("one header map per part: " + headers.size() + " for " + partNumbers.size());
        }
        SigV4Session session = sessions.open();
        String path = location.objectPath(key);
        List<SignedRequest> signed = new ArrayList<>(partNumbers.size());
        for (int i = 0; i < partNumbers.size(); i++) {
            signed.add(uploadPart(session, path, uploadId, partNumbers.get(i), new TreeMap<>(headers.get(i))));
        }
        return signed;
    }

    /**
     * A single PutObject URL with every given header signed (content type and length, disposition,
     * cache policy, metadata, checksum, encryption): the caller can send exactly these and nothing
     * that changes them.
     */
    public SignedRequest putObject(String key, Map<String, String> headers) {
        return sign(sessions.open(), "PUT", location.objectPath(key), "", new TreeMap<>(headers));
    }

    /**
     * A GetObject URL; {@code responseHeaders} (such as {@code response-content-disposition}) are
     * signed query parameters that make S3 answer with those headers.
     */
    public SignedRequest getObject(String key, Map<String, String> responseHeaders) {
        StringBuilder query = new StringBuilder();
        new TreeMap<>(responseHeaders).forEach((name, value) -> {
            if (!name.startsWith("response-")) {
                throw new IllegalArgumentException("not a response header override: " + name);
            }
            query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(S3UriEncoding.encode(value));
        });
        return sign(sessions.open(), "GET", location.objectPath(key), query.toString(), Map.of());
    }

    private SignedRequest uploadPart(SigV4Session session, String path, String uploadId, int partNumber, Map<String, String> headers) {
        String operationQuery = "partNumber=" + partNumber + "&uploadId=" + S3UriEncoding.encode(uploadId);
        return sign(session, "PUT", path, operationQuery, headers);
    }

    /**
     * @param path           the encoded path, as in the URL and the canonical request
     * @param operationQuery the operation's own query parameters, encoded and in the URL order,
     *                       which for these operations (partNumber and uploadId, or response-*
     *                       sorted) is also their canonical order, after the X-Amz ones (upper case
     *                       sorts first)
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
