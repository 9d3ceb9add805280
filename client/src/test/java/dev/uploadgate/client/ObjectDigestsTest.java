package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectDigestsTest {
    private static final byte[] A = "hello ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void expected_sha256_isS3sCompositeValue() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(MessageDigest.getInstance("SHA-256").digest(A));
        sha.update(MessageDigest.getInstance("SHA-256").digest(B));

        String value = ObjectDigests.expected(ChecksumAlgorithm.SHA256, parts(ChecksumAlgorithm.SHA256));

        assertThat(value).isEqualTo(Base64.getEncoder().encodeToString(sha.digest()) + "-2");
    }

    @Test
    void expected_md5_isTheMultipartETag() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(A));
        md5.update(MessageDigest.getInstance("MD5").digest(B));

        String value = ObjectDigests.expected(ChecksumAlgorithm.MD5, parts(ChecksumAlgorithm.MD5));

        assertThat(value).isEqualTo(HexFormat.of().formatHex(md5.digest()) + "-2");
    }

    @Test
    void expected_crc64nvme_isTheCrcOfTheWholeObject() {
        byte[] both = "hello world".getBytes(StandardCharsets.US_ASCII);

        String value = ObjectDigests.expected(ChecksumAlgorithm.CRC64NVME, parts(ChecksumAlgorithm.CRC64NVME));

        assertThat(value).isEqualTo(Base64.getEncoder().encodeToString(Crc.CRC64NVME.bytes(Crc.CRC64NVME.of(both, 0, both.length))));
    }

    @Test
    void expected_emptyObjectAsOneEmptyPart_isTheCrcOfNothing() {
        String value = ObjectDigests.expected(ChecksumAlgorithm.CRC32C, List.of(PartHash.of(ChecksumAlgorithm.CRC32C, new byte[0], 0, 0)));

        assertThat(value).isEqualTo("AAAAAA==");
        assertThat(ObjectDigests.expected(ChecksumAlgorithm.NONE, List.of())).isEmpty();
    }

    private static List<PartDigest> parts(ChecksumAlgorithm algorithm) {
        return List.of(PartHash.of(algorithm, A, 0, A.length), PartHash.of(algorithm, B, 0, B.length));
    }
}
