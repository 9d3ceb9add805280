package dev.uploadgate.functions.service;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Where a bucket's objects are addressed, as the SDK addresses them with our configuration: with
 * an endpoint override (local mode, S3-compatible servers) path style under that endpoint; on AWS
 * virtual-hosted style when the bucket name is a plain DNS label (no dots, which would break the
 * TLS wildcard certificate), else path style. us-east-1 uses the global host s3.amazonaws.com, as
 * the SDK does by default (it is still signed for us-east-1).
 *
 * @param origin     scheme, host and port, without a trailing slash
 * @param host       the Host header: host, and the port when it is not the scheme's default
 * @param bucketPath the encoded path of the bucket ("" when the bucket is in the host name)
 */
record S3Location(String origin, String host, String bucketPath) {
    private static final Pattern DNS_LABEL_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    S3Location {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(bucketPath, "bucketPath");
    }

    static S3Location of(String bucket, String region, Optional<URI> endpoint) {
        String bucketSegment = "/" + S3UriEncoding.encodePath(bucket);
        if (endpoint.isPresent()) {
            URI uri = endpoint.get();
            String host = hostHeader(uri);
            String basePath = uri.getRawPath() == null ? "" : stripSlash(uri.getRawPath());
            return new S3Location(uri.getScheme() + "://" + host, host, basePath + bucketSegment);
        }
        String service = "us-east-1".equals(region) ? "s3." + dnsSuffix(region) : "s3." + region + "." + dnsSuffix(region);
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

    private static String dnsSuffix(String region) {
        RegionMetadata metadata = Region.of(region).metadata();
        return metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
