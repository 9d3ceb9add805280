package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"text/html", "TEXT/HTML; charset=utf-8", "application/xhtml+xml", "image/svg+xml", "text/xml",
        "application/xml", "text/javascript", "application/javascript", "application/octet-stream", "text/plain", "image/x-unknown"})
    void forUpload_anyTypeNotKnownInert_isAnAttachment(String type) {
        assertThat(ContentDispositions.inlineSafe(type)).isFalse();
        assertThat(ContentDispositions.forUpload(type, "f")).startsWith("attachment;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "IMAGE/JPEG", "video/mp4", "audio/mpeg", "application/pdf", "image/webp; q=1"})
    void forUpload_inertType_isInline(String type) {
        assertThat(ContentDispositions.forUpload(type, "f")).startsWith("inline;");
    }

    @Test
    void attachment_nonAsciiAndSpecialCharacters_arePercentEncodedUtf8() {
        assertThat(ContentDispositions.attachment("naïve \"x\";.pdf")).isEqualTo("attachment; filename*=UTF-8''na%C3%AFve%20%22x%22%3B.pdf");
        assertThat(ContentDispositions.attachment("a-b_c.~!#$&+^`|")).isEqualTo("attachment; filename*=UTF-8''a-b_c.~!#$&+^`|");
    }
}
