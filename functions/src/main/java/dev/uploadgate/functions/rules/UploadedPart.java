package dev.uploadgate.functions.rules;

import java.util.Objects;

/**
 * A part as S3 holds it.
 *
 * @param partNumber 1 to 10,000
 * @param size       bytes
 * @param etag       the ETag without quotes
 */
public record UploadedPart(int partNumber, long size, String etag) {
    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
    }
}
