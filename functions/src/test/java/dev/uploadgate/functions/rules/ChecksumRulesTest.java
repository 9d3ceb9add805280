package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumRulesTest {
    @ParameterizedTest
    @CsvSource({"crc32,CRC32,FULL_OBJECT", "CRC32C,CRC32C,FULL_OBJECT", "crc64nvme,CRC64NVME,FULL_OBJECT", "SHA1,SHA1,COMPOSITE",
        "sha256,SHA256,COMPOSITE"})
    void uploadChecksum_noType_isTheAlgorithmsDefault(String name, ChecksumAlgorithm algorithm, ChecksumType type) {
        assertThat(UploadChecksum.of(ChecksumAlgorithm.parse("checksumAlgorithm", name), null)).isEqualTo(new UploadChecksum(algorithm, type));
    }

    @ParameterizedTest
    @CsvSource({"SHA256,FULL_OBJECT", "SHA1,FULL_OBJECT", "CRC64NVME,COMPOSITE", "CRC32C,PARTIAL"})
    void uploadChecksum_pairS3Refuses_isInvalidRequestNamingChecksumType(ChecksumAlgorithm algorithm, String type) {
        assertThatThrownBy(() -> UploadChecksum.of(algorithm, type)).isInstanceOf(ApiException.class).hasMessageStartingWith("checksumType");
    }

    @Test
    void parse_unknownAlgorithm_namesTheFieldAndTheChoices() {
        assertThatThrownBy(() -> ChecksumAlgorithm.parse("checksumAlgorithm", "MD5"))
                .hasMessage("checksumAlgorithm 'MD5' must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256");
    }

    @Test
    void requireValue_base64OfTheDigestLength_isAcceptedAndAnythingElseRefused() {
        assertThat(ChecksumAlgorithm.CRC32C.requireValue("checksum", "4waSgw==")).isEqualTo("4waSgw==");
        for (String bad : new String[] {"4waSgw", "4waSgw=", "AAAAAAAAAAA=", "####", "", "4waSgw==\n"}) {
            assertThatThrownBy(() -> ChecksumAlgorithm.CRC32C.requireValue("checksum", bad)).as(bad)
                    .isInstanceOf(ApiException.class).hasMessageContaining("4-byte CRC32C");
        }
        assertThatThrownBy(() -> ChecksumAlgorithm.SHA256.requireValue("checksum", null)).isInstanceOf(ApiException.class);
    }

    @Test
    void names_ofEachPlace_areS3s() {
        assertThat(ChecksumAlgorithm.CRC64NVME.headerName()).isEqualTo("x-amz-checksum-crc64nvme");
        assertThat(ChecksumAlgorithm.SHA256.memberName()).isEqualTo("ChecksumSHA256");
    }

    @Test
    void requireChecksums_compositeUploadPartWithoutChecksum_isInvalidPart() {
        Optional<UploadChecksum> composite = Optional.of(new UploadChecksum(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE));
        List<CompletedPart> parts = List.of(new CompletedPart(1, "e"));

        assertThatThrownBy(() -> CompletionRules.requireChecksums(parts, Optional.empty(), composite))
                .hasMessageContaining("ChecksumSHA256 is required");
        assertThatThrownBy(() -> CompletionRules.requireChecksums(List.of(new CompletedPart(1, "e",
                Optional.of(new PartChecksum(ChecksumAlgorithm.SHA256, "x")))), Optional.of("AAAAAA=="), composite))
                .hasMessageStartingWith("checksum 'AAAAAA=='").hasMessageContaining("COMPOSITE");
    }

    @Test
    void requireChecksums_otherAlgorithmOrNoneCreated_isInvalidRequest() {
        List<CompletedPart> crc32 = List.of(new CompletedPart(1, "e", Optional.of(new PartChecksum(ChecksumAlgorithm.CRC32, "AAAAAA=="))));

        assertThatThrownBy(() -> CompletionRules.requireChecksums(crc32, Optional.empty(),
                Optional.of(new UploadChecksum(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT))))
                .hasMessageContaining("ChecksumCRC32").hasMessageContaining("list ChecksumCRC32C");
        assertThatThrownBy(() -> CompletionRules.requireChecksums(crc32, Optional.empty(), Optional.empty()))
                .hasMessageContaining("without checksumAlgorithm");
        assertThatThrownBy(() -> CompletionRules.requireChecksums(List.of(new CompletedPart(1, "e")), Optional.of("AAAAAA=="), Optional.empty()))
                .hasMessageStartingWith("checksum");
    }

    @Test
    void requireChecksums_fullObjectWithoutPartChecksums_isAccepted() {
        CompletionRules.requireChecksums(List.of(new CompletedPart(1, "e")), Optional.of("AAAAAA=="),
                Optional.of(new UploadChecksum(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT)));
    }
}
