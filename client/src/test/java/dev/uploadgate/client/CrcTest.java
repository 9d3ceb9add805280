package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CrcTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void of_standardCheckInput_givesTheCatalogueValues() {
        assertThat(Crc.CRC32.of(CHECK, 0, CHECK.length)).isEqualTo(0xCBF43926L);
        assertThat(Crc.CRC32C.of(CHECK, 0, CHECK.length)).isEqualTo(0xE3069283L);
        assertThat(Crc.CRC64NVME.of(CHECK, 0, CHECK.length)).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void crc64Nvme_chunkedOrByteByByte_equalsOneUpdate() {
        byte[] bytes = random(10_007, 1);
        Crc64Nvme whole = new Crc64Nvme();
        whole.update(bytes, 0, bytes.length);
        Crc64Nvme chunked = new Crc64Nvme();
        chunked.update(bytes, 0, 3);
        chunked.update(bytes, 3, 5000);
        for (int i = 5003; i < bytes.length; i++) {
            chunked.update(bytes[i]);
        }

        assertThat(chunked.getValue()).isEqualTo(whole.getValue());
        whole.reset();
        assertThat(whole.getValue()).isZero();
    }

    @ParameterizedTest(name = "split at {0}")
    @ValueSource(ints = {0, 1, 7, 8, 9, 4096, 99_999, 100_000})
    void combine_twoPieces_equalsTheCrcOfBoth(int split) {
        byte[] bytes = random(100_000, split);
        for (Crc crc : List.of(Crc.CRC32, Crc.CRC32C, Crc.CRC64NVME)) {
            long a = crc.of(bytes, 0, split);
            long b = crc.of(bytes, split, bytes.length - split);

            assertThat(crc.combine(a, b, bytes.length - split)).as(crc.name()).isEqualTo(crc.of(bytes, 0, bytes.length));
        }
    }

    @Test
    void combined_partsOfAFile_equalsTheJdkCrc32cOfTheWholeFile() {
        byte[] bytes = random(3 * 65_536 + 17, 5);
        List<PartDigest> parts = List.of(PartHash.of(ChecksumAlgorithm.CRC32C, bytes, 0, 65_536),
                PartHash.of(ChecksumAlgorithm.CRC32C, bytes, 65_536, 2 * 65_536),
                PartHash.of(ChecksumAlgorithm.CRC32C, bytes, 3 * 65_536, 17));
        CRC32C jdk = new CRC32C();
        jdk.update(bytes);

        assertThat(Crc.CRC32C.value(ObjectDigests.combined(Crc.CRC32C, parts))).isEqualTo(jdk.getValue());
    }

    @Test
    void bytes_bigEndianAsS3SendsIt_roundTrips() {
        assertThat(Base64.getEncoder().encodeToString(Crc.CRC32C.bytes(0xE3069283L))).isEqualTo("4waSgw==");
        assertThat(Crc.CRC64NVME.value(Crc.CRC64NVME.bytes(0xAE8B14860A799888L))).isEqualTo(0xAE8B14860A799888L);
        assertThat(Crc.CRC64NVME.bytes(1)).hasSize(8);
    }

    @Test
    void named_s3Names_findTheirCrc() {
        assertThat(Crc.named("CRC64NVME")).contains(Crc.CRC64NVME);
        assertThat(Crc.named("SHA256")).isEmpty();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
