package dev.uploadgate.functions.rules;

import java.util.Objects;

/**
 * One part as a client lists it on complete.
 *
 * @param partNumber 1 to 10,000
 * @param etag       the part's ETag without surrounding quotes
 */
public record CompletedPart(int partNumber, String etag) {
    public CompletedPart {
        Objects.requireNonNull(etag, "etag");
    }
}
