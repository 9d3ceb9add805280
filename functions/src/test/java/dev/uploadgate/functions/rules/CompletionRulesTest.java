package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionRulesTest {
    private static final long FIVE_MIB = PartSizing.MIN_PART_SIZE;

    @Test
    void requireValidList_ascendingParts_passes() {
        CompletionRules.requireValidList(List.of(new CompletedPart(1, "a"), new CompletedPart(3, "b")));
    }

    @Test
    void requireValidList_empty_isInvalidPart() {
        assertCode(() -> CompletionRules.requireValidList(List.of()), ErrorCode.INVALID_PART);
    }

    @Test
    void requireValidList_duplicateOrDescending_isInvalidPartOrder() {
        assertCode(() -> CompletionRules.requireValidList(List.of(new CompletedPart(2, "a"), new CompletedPart(2, "a"))),
                ErrorCode.INVALID_PART_ORDER);
        assertCode(() -> CompletionRules.requireValidList(List.of(new CompletedPart(2, "a"), new CompletedPart(1, "a"))),
                ErrorCode.INVALID_PART_ORDER);
    }

    @Test
    void requireMatchesUploaded_matchingParts_returnsTheAssembledSize() {
        Map<Integer, UploadedPart> uploaded = Map.of(1, new UploadedPart(1, FIVE_MIB, "a"), 2, new UploadedPart(2, 10, "b"));

        long size = CompletionRules.requireMatchesUploaded(List.of(new CompletedPart(1, "A"), new CompletedPart(2, "b")), uploaded);

        assertThat(size).isEqualTo(FIVE_MIB + 10);
    }

    @Test
    void requireMatchesUploaded_missingPartOrOtherEtag_isInvalidPart() {
        Map<Integer, UploadedPart> uploaded = Map.of(1, new UploadedPart(1, 10, "a"));

        assertCode(() -> CompletionRules.requireMatchesUploaded(List.of(new CompletedPart(2, "a")), uploaded), ErrorCode.INVALID_PART);
        assertCode(() -> CompletionRules.requireMatchesUploaded(List.of(new CompletedPart(1, "b")), uploaded), ErrorCode.INVALID_PART);
    }

    @Test
    void requireMatchesUploaded_smallPartBeforeTheLast_isEntityTooSmall() {
        Map<Integer, UploadedPart> uploaded = Map.of(1, new UploadedPart(1, FIVE_MIB - 1, "a"), 2, new UploadedPart(2, 10, "b"));

        assertCode(() -> CompletionRules.requireMatchesUploaded(List.of(new CompletedPart(1, "a"), new CompletedPart(2, "b")), uploaded),
                ErrorCode.ENTITY_TOO_SMALL);
    }

    @Test
    void withinLimit_sumAboveMaximum_isFalseAndTooLargeNamesBoth() {
        assertThat(CompletionRules.withinLimit(FIVE_MIB + 10, FIVE_MIB + 10)).isTrue();
        assertThat(CompletionRules.withinLimit(FIVE_MIB + 10, FIVE_MIB + 9)).isFalse();
        assertThat(CompletionRules.tooLarge(FIVE_MIB + 10, FIVE_MIB + 9).code()).isEqualTo(ErrorCode.ENTITY_TOO_LARGE);
        assertThat(CompletionRules.tooLarge(FIVE_MIB + 10, FIVE_MIB + 9)).hasMessageContaining("5242890 bytes").hasMessageContaining("5242889");
    }

    private static void assertCode(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
