package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A resumed upload keeps a part S3 holds only when that part holds the local bytes. */
class ListedPartTest {
    private static final byte[] LOCAL = "the local part".getBytes(StandardCharsets.UTF_8);
    private static final PartDigest MD5 = PartHash.of(ChecksumAlgorithm.MD5, LOCAL, 0, LOCAL.length);
    private static final PartDigest CRC32C = PartHash.of(ChecksumAlgorithm.CRC32C, LOCAL, 0, LOCAL.length);
    /** An SSE-KMS part's ETag: not the MD5 of its bytes. */
    private static final String KMS_ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";

    @Test
    void holds_checksumListedUnderKms_comparesTheChecksumNotTheEtag() {
        ApiClient.ListedPart part = new ApiClient.ListedPart(1, LOCAL.length, KMS_ETAG, CRC32C.base64(), null, null);

        assertThat(part.holds(ChecksumAlgorithm.CRC32C, MD5, CRC32C)).isTrue();
    }

    @Test
    void holds_listedChecksumDiffers_isFalseEvenWhenTheEtagIsTheMd5() {
        ApiClient.ListedPart part = new ApiClient.ListedPart(1, LOCAL.length, "\"" + MD5.hex() + "\"", "AAAAAA==", null, null);

        assertThat(part.holds(ChecksumAlgorithm.CRC32C, MD5, CRC32C)).isFalse();
    }

    @Test
    void holds_noChecksumListed_comparesTheMd5Etag() {
        ApiClient.ListedPart same = new ApiClient.ListedPart(1, LOCAL.length, "\"" + MD5.hex() + "\"", null, null, null);
        ApiClient.ListedPart kms = new ApiClient.ListedPart(1, LOCAL.length, KMS_ETAG, null, null, null);

        assertThat(same.holds(ChecksumAlgorithm.CRC32C, MD5, CRC32C)).isTrue();
        assertThat(same.holds(ChecksumAlgorithm.MD5, MD5, MD5)).isTrue();
        assertThat(kms.holds(ChecksumAlgorithm.CRC32C, MD5, CRC32C)).as("sent again: nothing proves it").isFalse();
    }

    @Test
    void holds_checksumOfAnotherAlgorithmListed_isNotTakenForThisOne() {
        ApiClient.ListedPart part = new ApiClient.ListedPart(1, LOCAL.length, KMS_ETAG, null, CRC32C.base64(), null);

        assertThat(part.holds(ChecksumAlgorithm.CRC32C, MD5, CRC32C)).isFalse();
    }
}
