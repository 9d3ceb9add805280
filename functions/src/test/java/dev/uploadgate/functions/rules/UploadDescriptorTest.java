package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadDescriptorTest {
    private static final Optional<UploadChecksum> CRC32C = Optional.of(new UploadChecksum(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT));

    @Test
    void encode_sizedWithChecksum_isSizesThenChecksum() {
        assertThat(UploadDescriptor.sized(12_000_000, 8_388_608, CRC32C).encode()).isEqualTo(".s12000000-p8388608.crc32c-full");
        assertThat(UploadDescriptor.unsized(Optional.of(new UploadChecksum(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE))).encode())
                .isEqualTo(".sha256-composite");
        assertThat(UploadDescriptor.NONE.encode()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".s0-p5242880", ".s12000000-p8388608.crc32c-full", ".crc64nvme-full", ".s1-p5242880.sha1-composite"})
    void decode_whatEncodeWrites_readsTheSameBack(String text) {
        assertThat(UploadDescriptor.decode(text)).hasValueSatisfying(d -> assertThat(d.encode()).isEqualTo(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".s012-p5242880", ".s12-p0", ".crc32c-full.s12-p5242880", ".s12-p5242880.s12-p5242880",
        ".md5-full", ".sha256-full", ".crc64nvme-composite", "s12-p5242880", ".s12", ".S12-P5242880", ".s99999999999999999999-p1"})
    void decode_anyOtherSpelling_isEmpty(String text) {
        assertThat(UploadDescriptor.decode(text)).isEmpty();
    }

    @Test
    void requirePartLength_sizedUpload_isThePartSizeAndTheRemainderLast() {
        UploadDescriptor descriptor = UploadDescriptor.sized(10_485_767, 5_242_880, Optional.empty());

        assertThat(descriptor.partCount()).isEqualTo(3);
        assertThat(descriptor.requirePartLength("partNumber", 1)).isEqualTo(5_242_880);
        assertThat(descriptor.requirePartLength("partNumber", 2)).isEqualTo(5_242_880);
        assertThat(descriptor.requirePartLength("partNumber", 3)).isEqualTo(7);
    }

    @Test
    void requirePartLength_emptyFile_isOnePartOfZeroBytes() {
        UploadDescriptor empty = UploadDescriptor.sized(0, 8_388_608, Optional.empty());

        assertThat(empty.partCount()).isEqualTo(1);
        assertThat(empty.requirePartLength("partNumber", 1)).isZero();
    }

    @Test
    void requirePartLength_beyondTheLastPart_isInvalidPartNumberNamingTheCount() {
        UploadDescriptor descriptor = UploadDescriptor.sized(10, 8_388_608, Optional.empty());

        assertThatThrownBy(() -> descriptor.requirePartLength("partNumber", 2))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER))
                .hasMessageContaining("above this upload's 1 part(s)");
    }
}
