package dev.uploadgate.local;

import java.net.URI;
import java.util.Objects;

/**
 * Where the functions' S3 is and how to sign for it: the embedded server or another
 * S3-compatible one.
 *
 * @param endpoint  base URL, used with path-style addressing
 * @param accessKey access key id
 * @param secretKey secret access key
 */
record S3Connection(URI endpoint, String accessKey, String secretKey) {
    S3Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs and exception messages.
        return "S3Connection[endpoint=" + endpoint + ", accessKey=" + accessKey + "]";
    }
}
