package dev.uploadgate.client.bucket;

/**
 * The bucket cannot be read at all (the one failure type of this package): it does not exist, the
 * credentials may not see it, or the server cannot be reached. The message says which and what to do.
 */
public final class BucketCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BucketCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
