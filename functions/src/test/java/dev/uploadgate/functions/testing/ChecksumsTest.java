package dev.uploadgate.functions.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test helper's CRCs against the published check values of "123456789". */
class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc64Nvme_checkString_isThePublishedCheckValue() {
        assertThat(Checksums.crc64Nvme(CHECK)).isEqualTo(0xae8b14860a799888L);
    }

    @Test
    void of_crc32cOfCheckString_isTheBase64OfE3069283() {
        assertThat(Checksums.of("CRC32C", CHECK)).isEqualTo("4waSgw==");
    }
}
