package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartNumbersTest {

    @Test
    void parse_bounds_areAccepted() {
        assertThat(PartNumbers.parse("partNumber", "1")).isEqualTo(1);
        assertThat(PartNumbers.parse("partNumber", "10000")).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-1", "+1", "1.0", "1e3", "abc", "", " 1", "99999999999999999999", "٣"})
    void parse_notAPartNumber_isInvalidPartNumber(String text) {
        assertThatThrownBy(() -> PartNumbers.parse("partNumber", text))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER))
                .hasMessageContaining("partNumber");
    }

    @Test
    void parseBatch_list_keepsItsOrder() {
        assertThat(PartNumbers.parseBatch("partNumbers", "3,1,2")).containsExactly(3, 1, 2);
    }

    @Test
    void parseBatch_hundredNumbers_isAccepted_hundredAndOneIsRefused() {
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining(","));

        assertThat(PartNumbers.parseBatch("partNumbers", hundred)).hasSize(100);
        assertThatThrownBy(() -> PartNumbers.parseBatch("partNumbers", hundred + ",101"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER))
                .hasMessageContaining("at most 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,,2", "1,1", "1,x", ","})
    void parseBatch_malformedList_isInvalidPartNumber(String text) {
        assertThatThrownBy(() -> PartNumbers.parseBatch("partNumbers", text))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER));
    }
}
