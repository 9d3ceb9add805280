package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserMetadataTest {

    @Test
    void sanitize_uppyMetadataWithNulls_dropsNullsAndLowercasesNames() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("Name", "photo.jpg");
        metadata.put("relativePath", null);

        assertThat(UserMetadata.sanitize(metadata)).containsExactly(Map.entry("name", "photo.jpg"));
    }

    @Test
    void sanitize_nonAsciiAndControlCharacters_arePercentEncoded() {
        assertThat(UserMetadata.sanitize(Map.of("name", "résumé\r\n%.pdf"))).containsEntry("name", "r%C3%A9sum%C3%A9%0D%0A%25.pdf");
    }

    @Test
    void sanitize_headerUnsafeName_isInvalidRequest() {
        assertThatThrownBy(() -> UserMetadata.sanitize(Map.of("x: y", "1"))).isInstanceOf(ApiException.class).hasMessageContaining("'x: y'");
    }

    @Test
    void sanitize_namesDifferingOnlyInCase_isInvalidRequest() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", "a");
        metadata.put("NAME", "b");

        assertThatThrownBy(() -> UserMetadata.sanitize(metadata)).isInstanceOf(ApiException.class).hasMessageContaining("twice");
    }

    @Test
    void sanitize_tooManyOrTooLarge_isInvalidRequest() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= UserMetadata.MAX_ENTRIES; i++) {
            many.put("k" + i, "v");
        }

        assertThatThrownBy(() -> UserMetadata.sanitize(many)).isInstanceOf(ApiException.class).hasMessageContaining("too many");
        assertThatThrownBy(() -> UserMetadata.sanitize(Map.of("big", "x".repeat(3000)))).isInstanceOf(ApiException.class)
                .hasMessageContaining("2048 bytes");
    }
}
