package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"VXBsb2FkIElE.bXVsdGlwYXJ0", "8d4bc0a6-4930-4ec9-a2ea-ab9945443c48", "a+b/c=="})
    void require_idsServersIssue_areAccepted(String uploadId) {
        assertThat(UploadIds.require(uploadId)).isEqualTo(uploadId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/../../b", "..", "a b", "a\u0000b", "a%2Fb", "ü"})
    void require_anythingElse_isInvalidRequest(String uploadId) {
        assertThatThrownBy(() -> UploadIds.require(uploadId)).isInstanceOf(ApiException.class).hasMessageContaining("uploadId");
    }

    @Test
    void require_null_isInvalidRequest() {
        assertThatThrownBy(() -> UploadIds.require(null)).isInstanceOf(ApiException.class);
    }
}
