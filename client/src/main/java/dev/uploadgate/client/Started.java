package dev.uploadgate.client;

import java.util.Objects;

/** The API's create answer, checked against what was asked, as the {@link MultipartUpload} to carry out. */
final class Started {
    private Started() {
    }

    /**
     * @param size   the declared size, or -1 for a stream
     * @param wanted the part size asked for
     */
    static MultipartUpload check(ApiClient.CreatedUpload created, long size, long wanted, ChecksumAlgorithm checksum,
                                 ApiClient api) {
        String askedFor = checksum.s3Name().orElse(null);
        if (!Objects.equals(askedFor, created.checksumAlgorithm())) {
            throw new TransferException(TransferException.Kind.REFUSED, "the API started upload " + created.uploadId()
                    + " with checksum algorithm " + created.checksumAlgorithm() + ", not the " + askedFor + " asked for; is "
                    + api.baseUrl() + " an uploadgate API of a version with checksums? (--checksum md5 works without)",
                    null, 0, null, null, null, false);
        }
        long partSize = size >= 0 && created.partSize() != null ? created.partSize() : wanted;
        try {
            PartSizes.requireUsable(partSize, size);
        } catch (IllegalArgumentException e) {
            throw new TransferException(TransferException.Kind.REFUSED, "the API chose a part size this client cannot use: "
                    + e.getMessage(), e);
        }
        int partCount = size >= 0 ? PartSizes.partCount(size, partSize) : PartSizes.MAX_PARTS;
        if (size >= 0 && created.partCount() != null && created.partCount() != partCount) {
            throw new TransferException(TransferException.Kind.REFUSED, "the API answered " + created.partCount() + " parts of "
                    + partSize + " bytes for " + size + " bytes, not " + partCount + "; is " + api.baseUrl() + " the uploadgate API?",
                    null);
        }
        return new MultipartUpload(created.key(), created.uploadId(), partSize, partCount, checksum);
    }
}
