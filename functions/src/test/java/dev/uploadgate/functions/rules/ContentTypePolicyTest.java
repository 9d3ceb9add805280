package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypePolicyTest {
    private final ContentTypePolicy images = ContentTypePolicy.parse("image/*, application/pdf");

    @Test
    void require_matchingTypes_areAcceptedAsGiven() {
        assertThat(images.require("type", "image/png")).isEqualTo("image/png");
        assertThat(images.require("type", "IMAGE/JPEG")).isEqualTo("IMAGE/JPEG");
        assertThat(images.require("type", "application/pdf; charset=binary")).isEqualTo("application/pdf; charset=binary");
    }

    @Test
    void require_otherType_isUnsupportedMediaType() {
        assertThatThrownBy(() -> images.require("type", "text/html"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("'text/html'");
    }

    @Test
    void require_missingType_isOctetStreamWhenAllowed() {
        assertThat(ContentTypePolicy.parse("*/*").require("type", "")).isEqualTo("application/octet-stream");
        assertThatThrownBy(() -> images.require("type", null)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "text/", "/html", "text/html\r\nx-amz-acl: public-read", "te xt/html", "text/html;"})
    void require_malformedType_isInvalidRequest(String type) {
        assertThatThrownBy(() -> ContentTypePolicy.parse("*/*").require("type", type))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "image", "*/png", "a/b/c"})
    void parse_invalidConfiguration_failsAtStartup(String patterns) {
        assertThatThrownBy(() -> ContentTypePolicy.parse(patterns)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALLOWED_CONTENT_TYPES");
    }
}
