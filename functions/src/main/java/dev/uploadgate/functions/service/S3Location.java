package dev.uploadgate.functions.service;

import dev.uploadgate.functions.config.UploadSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that says where a bucket's objects are addressed, as the SDK addresses them with
 * our configuration; every presigned URL and POST form takes its host from here. With an endpoint
 * override (local mode, S3-compatible servers) path style under that endpoint. On AWS:
 * virtual-hosted style when the bucket name is a plain DNS label (no dots, which would break the
 * TLS wildcard certificate), else path style; us-east-1 uses the global host s3.amazonaws.com, as
 * the SDK does by default (it is still signed for us-east-1); Transfer Acceleration uses
 * {@code <bucket>.s3-accelerate[.dualstack].amazonaws.com} and dual-stack
 * {@code s3.dualstack.<region>.<suffix>}. The partition's DNS suffix comes from the region's name,
 * not from the SDK's region metadata, which loads a class per region at cold start.
 *
 * @param origin     scheme, host and port, without a trailing slash
 * @param host       the Host header: host, and the port when it is not the scheme's default
 * @param bucketPath the encoded path of the bucket ("" when the bucket is in the host name)
 */
public record S3Location(String origin, String host, String bucketPath) {
    private static final Pattern DNS_LABEL_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    public S3Location {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bucketPath, "bucketPath");
    }

    /** Where the configured bucket's objects are addressed. */
    public static S3Location of(UploadSettings settings) {
        return of(settings.bucket(), settings.region(), settings.s3Endpoint(), settings.accelerate(), settings.dualStack());
    }

    static S3Location of(String bucket, String region, Optional<URI> endpoint) {
        return of(bucket, region, endpoint, false, false);
    }

    /**
     * @param accelerate S3 Transfer Acceleration's host (ignored with an endpoint override)
     * @param dualStack  the dual-stack (IPv6) hosts (ignored with an endpoint override)
     */
    static S3Location of(String bucket, String region, Optional<URI> endpoint, boolean accelerate, boolean dualStack) {
        String bucketSegment = "/" + S3UriEncoding.encodePath(bucket);
        if (endpoint.isPresent()) {
            URI uri = endpoint.get();
            String host = hostHeader(uri);
            String basePath = uri.getRawPath() == null ? "" : stripSlash(uri.getRawPath());
            return new S3Location(uri.getScheme() + "://" + host, host, basePath + bucketSegment);
        }
        if (accelerate) {
            // Acceleration serves DNS-label bucket names only (UploadSettings refuses others).
            String host = bucket + ".s3-accelerate." + (dualStack ? "dualstack." : "") + dnsSuffix(region);
            return new S3Location("https://" + host, host, "");
        }
        String service = dualStack ? "s3.dualstack." + region + "." + dnsSuffix(region)
                : "us-east-1".equals(region) ? "s3." + dnsSuffix(region) : "s3." + region + "." + dnsSuffix(region);
        if (DNS_LABEL_BUCKET.matcher(bucket).matches()) {
            String host = bucket + "." + service;
            return new S3Location("https://" + host, host, "");
        }
        return new S3Location("https://" + service, service, bucketSegment);
    }

    /** The canonical (and URL) path of an object. */
    String objectPath(String key) {
        return bucketPath + "/" + S3UriEncoding.encodePath(key);
    }

    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /**
     * The DNS suffix of the region's partition, from its name: the SDK's region metadata would
     * answer the same but loads a class per region and service at cold start (about 90 ms).
     */
    static String dnsSuffix(String region) {
        if (region.startsWith("cn-")) {
            return "amazonaws.com.cn";
        }
        if (region.startsWith("us-isob-")) {
            return "sc2s.sgov.gov";
        }
        if (region.startsWith("us-isof-")) {
            return "csp.hci.ic.gov";
        }
        if (region.startsWith("us-iso-")) {
            return "c2s.ic.gov";
        }
        if (region.startsWith("eu-isoe-")) {
            return "cloud.adc-e.uk";
        }
        if (region.startsWith("eusc-")) {
            return "amazonaws.eu";
        }
        return "amazonaws.com";
    }

    /** Where a browser POST form is sent: the bucket's URL, ending in a slash. */
    String formUrl() {
        return origin + bucketPath + "/";
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
