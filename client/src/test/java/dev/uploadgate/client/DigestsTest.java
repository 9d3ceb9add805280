package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestsTest {
    @Test
    void md5_emptyInput_isTheKnownDigest() {
        PartDigest empty = PartHash.of(ChecksumAlgorithm.MD5, new byte[0], 0, 0);

        assertThat(empty.hex()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(empty.base64()).isEqualTo("1B2M2Y8AsgTpgAmY7PhCfg==");
        assertThat(empty.length()).isZero();
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
