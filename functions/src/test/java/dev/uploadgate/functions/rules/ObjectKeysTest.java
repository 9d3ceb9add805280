package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {
    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private final ObjectKeys keys = new ObjectKeys("uploads/", () -> ID);
    private final Owner alice = new Owner("alice");

    @Test
    void newKey_fileName_isPrefixOwnerIdAndCleanName() {
        assertThat(keys.newKey(alice, "holiday/video 1.mp4")).isEqualTo("uploads/alice/" + ID + "/video 1.mp4");
    }

    @Test
    void newKey_everyCall_usesAFreshRandomId() {
        ObjectKeys random = new ObjectKeys("uploads/");

        assertThat(random.newKey(alice, "a.txt")).isNotEqualTo(random.newKey(alice, "a.txt"));
    }

    @Test
    void requireOwnedBy_ownKey_returnsIt() {
        String key = keys.newKey(alice, "a.txt");

        assertThat(keys.requireOwnedBy(alice, key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "uploads/bob/0f8fad5b-d9cb-469f-a165-70867728950e/a.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e/../../bob/x",
        "uploads/alice/../bob/0f8fad5b-d9cb-469f-a165-70867728950e/a.txt",
        "uploads/alice/not-an-id/a.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e/",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e/a\u0000.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e/sub/a.txt",
        "uploads/alicex/0f8fad5b-d9cb-469f-a165-70867728950e/a.txt",
        "other/alice/0f8fad5b-d9cb-469f-a165-70867728950e/a.txt",
        "uploads/alice"
    })
    void requireOwnedBy_keyNotOfTheCallersShape_isAccessDenied(String key) {
        assertThatThrownBy(() -> keys.requireOwnedBy(alice, key))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessageContaining("does not belong to the caller");
    }

    @Test
    void newKey_withDescriptor_writesItAfterTheIdAndReadsItBack() {
        UploadDescriptor descriptor = UploadDescriptor.sized(12, 5_242_880,
                Optional.of(new UploadChecksum(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT)));

        String key = keys.newKey(alice, "a.txt", descriptor);

        assertThat(key).isEqualTo("uploads/alice/" + ID + ".s12-p5242880.crc32c-full/a.txt");
        assertThat(keys.requireOwnedBy(alice, key)).isEqualTo(key);
        assertThat(keys.descriptorOf(key)).isEqualTo(descriptor);
        assertThat(keys.descriptorOf(keys.newKey(alice, "a.txt"))).isEqualTo(UploadDescriptor.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e.s012-p5242880/a.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e.md5-full/a.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950e./a.txt",
        "uploads/alice/0f8fad5b-d9cb-469f-a165-70867728950ex/a.txt"
    })
    void requireOwnedBy_descriptorNotAsTheServerWritesIt_isAccessDenied(String key) {
        assertThatThrownBy(() -> keys.requireOwnedBy(alice, key))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    @Test
    void requireOwnedBy_overlongKey_isAccessDenied() {
        String key = "uploads/alice/" + ID + "/" + "a".repeat(1100);

        assertThatThrownBy(() -> keys.requireOwnedBy(alice, key))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
                .hasMessageContaining("chars)");
    }

    @Test
    void requireOwnedBy_missingKey_isInvalidRequest() {
        assertThatThrownBy(() -> keys.requireOwnedBy(alice, ""))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
