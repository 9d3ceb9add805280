package dev.uploadgate.functions.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.PartChecksum;
import dev.uploadgate.functions.rules.UploadedPart;
import java.util.Optional;

/**
 * One uploaded part, named as S3 and Uppy name its fields; the checksum, when S3 keeps one, under
 * S3's member name for its algorithm ({@code ChecksumCRC32C}...), the others absent.
 */
public record PartResponse(
        @JsonProperty("PartNumber") int partNumber,
        @JsonProperty("Size") long size,
        @JsonProperty("ETag") String etag,
        @JsonProperty("ChecksumCRC32") String checksumCrc32,
        @JsonProperty("ChecksumCRC32C") String checksumCrc32c,
        @JsonProperty("ChecksumCRC64NVME") String checksumCrc64nvme,
        @JsonProperty("ChecksumSHA1") String checksumSha1,
        @JsonProperty("ChecksumSHA256") String checksumSha256) {

    static PartResponse of(UploadedPart part) {
        Optional<PartChecksum> checksum = part.checksum();
        return new PartResponse(part.partNumber(), part.size(), ETags.quoted(part.etag()),
                valueOf(checksum, ChecksumAlgorithm.CRC32), valueOf(checksum, ChecksumAlgorithm.CRC32C),
                valueOf(checksum, ChecksumAlgorithm.CRC64NVME), valueOf(checksum, ChecksumAlgorithm.SHA1),
                valueOf(checksum, ChecksumAlgorithm.SHA256));
    }

    private static String valueOf(Optional<PartChecksum> checksum, ChecksumAlgorithm algorithm) {
        return checksum.filter(c -> c.algorithm() == algorithm).map(PartChecksum::value).orElse(null);
    }
}
