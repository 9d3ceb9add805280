package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {
    @Test
    void multipartETag_isMd5OfPartDigestsWithCount() {
        byte[] a = "hello ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "world".getBytes(StandardCharsets.US_ASCII);
        byte[] both = new byte[32];
        System.arraycopy(Digests.md5(a, 0, a.length), 0, both, 0, 16);
        System.arraycopy(Digests.md5(b, 0, b.length), 0, both, 16, 16);

        String etag = Digests.multipartETag(List.of(Digests.md5(a, 0, a.length), Digests.md5(b, 0, b.length)));

        assertThat(etag).isEqualTo(Digests.hex(Digests.md5(both, 0, 32)) + "-2");
    }

    @Test
    void md5_emptyInput_isTheKnownDigest() {
        assertThat(Digests.hex(Digests.md5(new byte[0], 0, 0))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(Digests.base64(Digests.md5(new byte[0], 0, 0))).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    @Test
    void bareETag_quotedWeakOrUpperCase_comparesEqual() {
        assertThat(Digests.bareETag("\"ABCDEF\"")).isEqualTo("abcdef");
        assertThat(Digests.bareETag("W/\"abc-2\"")).isEqualTo("abc-2");
        assertThat(Digests.bareETag(null)).isEmpty();
        assertThat(Digests.isPlainMd5("\"d41d8cd98f00b204e9800998ecf8427e\"")).isTrue();
        assertThat(Digests.isPlainMd5("\"d41d8cd98f00b204e9800998ecf8427e-3\"")).isFalse();
    }
}
