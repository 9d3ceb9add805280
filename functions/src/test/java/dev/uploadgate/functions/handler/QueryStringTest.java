package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringTest {

    @Test
    void parse_plusAndPercentTwenty_areBothASpace() {
        assertThat(QueryString.parse("filename=photo+1.jpg&other=photo%201.jpg"))
                .containsEntry("filename", "photo 1.jpg").containsEntry("other", "photo 1.jpg");
    }

    @Test
    void parse_encodedBracketsAndSlashes_decode() {
        assertThat(QueryString.parse("metadata%5Bname%5D=a%2Fb&type=image%2Fjpeg&key=uploads%2Fpublic%2Fx%2B1"))
                .containsEntry("metadata[name]", "a/b").containsEntry("type", "image/jpeg").containsEntry("key", "uploads/public/x+1");
    }

    @Test
    void parse_utf8Escapes_decode() {
        assertThat(QueryString.parse("f=r%C3%A9sum%C3%A9")).containsEntry("f", "résumé");
    }

    @Test
    void parse_emptyAndValuelessParameters_areEmptyStrings() {
        assertThat(QueryString.parse("a=&b&&c=1")).containsEntry("a", "").containsEntry("b", "").containsEntry("c", "1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=%C3", "a=%FF%FE", "a=1&a=2"})
    void parse_malformedOrRepeated_isInvalidRequest(String raw) {
        assertThatThrownBy(() -> QueryString.parse(raw)).isInstanceOf(ApiException.class);
    }
}
