package dev.uploadgate.functions.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One part as a client lists it on complete.
 *
 * @param partNumber 1 to 10,000
 * @param etag       the part's ETag without surrounding quotes
 * @param checksum   the part's checksum, when the client lists one
 */
public record CompletedPart(int partNumber, String etag, Optional<PartChecksum> checksum) {
    public CompletedPart {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** A part listed without a checksum, as Uppy lists them. */
    public CompletedPart(int partNumber, String etag) {
        this(partNumber, etag, Optional.empty());
    }
}
