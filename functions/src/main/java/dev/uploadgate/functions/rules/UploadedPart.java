package dev.uploadgate.functions.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * A part as S3 holds it.
 *
 * @param partNumber 1 to 10,000
 * @param size       bytes
 * @param etag       the ETag without quotes
 * @param checksum   the part's checksum in its upload's algorithm, when S3 keeps one (the ETag
 *                   is not an MD5 under SSE-KMS, so a resuming client compares this instead)
 */
public record UploadedPart(int partNumber, long size, String etag, Optional<PartChecksum> checksum) {
    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** A part without a checksum (an upload created without an algorithm). */
    public UploadedPart(int partNumber, long size, String etag) {
        this(partNumber, size, etag, Optional.empty());
    }
}
