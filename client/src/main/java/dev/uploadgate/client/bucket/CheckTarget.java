package dev.uploadgate.client.bucket;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the bucket is checked for: the browser origins that upload to it, the stack's key prefix
 * (its {@code KeyPrefix} parameter), and how the fix commands reach the bucket.
 */
public record CheckTarget(String bucket, List<String> origins, String keyPrefix, AwsCli cli) {
    public CheckTarget {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(cli, "cli");
        origins = List.copyOf(origins);
        for (String origin : origins) {
            requireOrigin(origin);
        }
    }

    /** A browser origin is scheme://host[:port], nothing more (S3 compares it as a string). */
    private static void requireOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--origin " + origin + " is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !pathless
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--origin " + origin + " is not an origin: expected scheme://host[:port] "
                    + "with no path or trailing slash, e.g. https://app.example.com");
        }
    }
}
