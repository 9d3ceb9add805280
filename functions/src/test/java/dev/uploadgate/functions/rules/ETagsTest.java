package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ETagsTest {

    @Test
    void normalize_quotedOrNot_givesTheBareEtag() {
        assertThat(ETags.normalize("ETag", "\"0123456789abcdef0123456789abcdef\"")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(ETags.normalize("ETag", "0123456789abcdef0123456789abcdef")).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "a\"b", "abc\r\nx-amz-header: 1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void normalize_notAnEtag_isInvalidPart(String etag) {
        assertThatThrownBy(() -> ETags.normalize("parts[0].ETag", etag)).isInstanceOf(ApiException.class).hasMessageContaining("parts[0].ETag");
    }

    @Test
    void multipartETag_md5Parts_isTheDigestOfTheDigestsWithTheCount() {
        // Two parts whose MD5s are those of "a" and "b"; S3's rule: md5(md5(a) || md5(b)) + "-2".
        List<CompletedPart> parts = List.of(new CompletedPart(1, "0cc175b9c0f1b6a831c399e269772661"),
                new CompletedPart(2, "92eb5ffee6ae2fec3ad71c777531578f"));

        // Computed independently: python3 -c "import hashlib as h; print(h.md5(h.md5(b'a').digest()+h.md5(b'b').digest()).hexdigest())"
        assertThat(ETags.multipartETag(parts)).contains("96e024ba2074fe77e8e965ba43a704be-2");
    }

    @Test
    void multipartETag_nonMd5Etag_isUnknown() {
        assertThat(ETags.multipartETag(List.of(new CompletedPart(1, "kms-etag")))).isEmpty();
    }
}
