package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @Test
    void sanitize_pathWithDirectories_keepsTheLastComponent() {
        assertThat(FileNames.sanitize("filename", "../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("filename", "C:\\Users\\me\\report.pdf")).isEqualTo("report.pdf");
    }

    @Test
    void sanitize_controlBidiAndZeroWidthCharacters_removesThem() {
        assertThat(FileNames.sanitize("filename", "inv\u0000oice\u202Egpj.exe\u200B\n")).isEqualTo("invoicegpj.exe");
    }

    @Test
    void sanitize_unicodeName_keepsIt() {
        assertThat(FileNames.sanitize("filename", "résumé 履歴書.pdf")).isEqualTo("résumé 履歴書.pdf");
    }

    @Test
    void sanitize_veryLongName_truncatesToTheByteLimitKeepingTheExtension() {
        String name = "é".repeat(2000) + ".tar.gz";

        String sanitized = FileNames.sanitize("filename", name);

        assertThat(sanitized.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(sanitized).endsWith(".gz").startsWith("éé");
    }

    @Test
    void sanitize_alreadySanitizedName_isUnchanged() {
        String once = FileNames.sanitize("filename", " a/b\\c\u0007 d.txt ");

        assertThat(FileNames.sanitize("filename", once)).isEqualTo(once);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "dir/", "..", ".", "a/..", "\u0000\u0001", "\u202E"})
    void sanitize_nothingUsableLeft_isInvalidRequest(String name) {
        assertThatThrownBy(() -> FileNames.sanitize("filename", name))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("filename");
    }

    @Test
    void sanitize_null_isInvalidRequest() {
        assertThatThrownBy(() -> FileNames.sanitize("filename", null)).hasMessageContaining("filename null is required");
    }
}
