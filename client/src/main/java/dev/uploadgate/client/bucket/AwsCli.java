package dev.uploadgate.client.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the {@code aws s3api ...} fix commands, with the same endpoint and region the check used,
 * quoted for a POSIX shell so they can be pasted as printed.
 */
public record AwsCli(String endpointUrl, String region) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    public static AwsCli forRegion(String region) {
        return new AwsCli(null, region);
    }

    /** The same, in the bucket's own region when the server named it. */
    AwsCli inRegion(String bucketRegion) {
        return bucketRegion == null || bucketRegion.isBlank() ? this : new AwsCli(endpointUrl, bucketRegion);
    }

    /** {@code aws [--endpoint-url U] [--region R] s3api OPERATION --bucket B OPTION VALUE ...}. */
    String s3api(String operation, String bucket, String... optionsAndValues) {
        List<String> words = new ArrayList<>(List.of("aws"));
        if (endpointUrl != null) {
            words.addAll(List.of("--endpoint-url", endpointUrl));
        }
        if (region != null) {
            words.addAll(List.of("--region", region));
        }
        words.addAll(List.of("s3api", operation, "--bucket", bucket));
        words.addAll(List.of(optionsAndValues));
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }

    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
