package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.rules.PartChecksum;

import dev.uploadgate.functions.rules.ChecksumAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.service.NewObjectRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {

    @Test
    void newObject_uppyBody_readsEveryField() {
        NewObjectRequest request = RequestBodies.newObject(
                "{\"filename\":\"a.jpg\",\"type\":\"image/jpeg\",\"metadata\":{\"name\":\"a.jpg\",\"caption\":null,\"n\":3},\"size\":12,\"extra\":true}");

        assertThat(request.filename()).isEqualTo("a.jpg");
        assertThat(request.type()).isEqualTo("image/jpeg");
        assertThat(request.metadata()).containsEntry("name", "a.jpg").containsEntry("caption", null).containsEntry("n", "3");
        assertThat(request.size()).hasValue(12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"filename\":1}|filename '1'",
        "{\"type\":\"a/b\"}|filename '(missing)'",
        "{\"filename\":\"a\",\"size\":\"12\"}|size '\"12\"'",
        "{\"filename\":\"a\",\"size\":1.5}|size '1.5'",
        "{\"filename\":\"a\",\"size\":123456789012345678901234567890}|size '123456789012345678901234567890'",
        "{\"filename\":\"a\",\"size\":1234567890123456789012345678901234567890}|body",
        "{\"filename\":\"a\",\"metadata\":[1]}|metadata '[1]'",
        "{\"filename\":\"a\",\"metadata\":{\"x\":{\"y\":1}}}|metadata.x",
        "{\"filename\":\"a\",\"type\":5}|type '5'",
        "[1,2]|must be a JSON object",
        "{\"filename\":\"a\"} trailing|body",
        "{\"filename\":\"a\",\"filename\":\"b\"}|given twice",
        "{\"filename\":\"a\"|body"
    })
    void newObject_badField_isInvalidRequestNamingIt(String body, String named) {
        assertThatThrownBy(() -> RequestBodies.newObject(body))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining(named);
    }

    @Test
    void newObject_deeplyNestedJson_isInvalidRequest() {
        String body = "{\"filename\":\"a\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThatThrownBy(() -> RequestBodies.newObject(body)).isInstanceOf(ApiException.class).hasMessageContaining("nests deeper");
    }

    @Test
    void completedParts_uppyBody_readsPartsAndUnquotesEtags() {
        assertThat(RequestBodies.completedParts("{\"parts\":[{\"PartNumber\":1,\"ETag\":\"\\\"abc\\\"\"},{\"PartNumber\":2,\"ETag\":\"def\"}]}"))
                .containsExactly(new CompletedPart(1, "abc"), new CompletedPart(2, "def"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"parts\":[{\"PartNumber\":\"1\",\"ETag\":\"a\"}]}",
        "{\"parts\":[{\"PartNumber\":1.5,\"ETag\":\"a\"}]}",
        "{\"parts\":[{\"PartNumber\":0,\"ETag\":\"a\"}]}",
        "{\"parts\":[{\"PartNumber\":10001,\"ETag\":\"a\"}]}",
        "{\"parts\":[{\"ETag\":\"a\"}]}"
    })
    void completedParts_badPartNumber_isInvalidPartNumber(String body) {
        assertThatThrownBy(() -> RequestBodies.completedParts(body))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER))
                .hasMessageContaining("parts[0].PartNumber");
    }

    @Test
    void completedParts_tenThousandAndOneParts_isInvalidPartNumber() {
        StringBuilder body = new StringBuilder("{\"parts\":[");
        for (int n = 1; n <= 10_001; n++) {
            body.append(n == 1 ? "" : ",").append("{\"PartNumber\":").append(n).append(",\"ETag\":\"a\"}");
        }

        assertThatThrownBy(() -> RequestBodies.completedParts(body.append("]}").toString()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PART_NUMBER))
                .hasMessageContaining("10001 parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"parts\":{}}", "{\"parts\":[1]}", "{\"parts\":[{\"PartNumber\":1,\"ETag\":2}]}"})
    void completedParts_malformedList_isA400(String body) {
        assertThatThrownBy(() -> RequestBodies.completedParts(body))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code().status()).isEqualTo(400))
                .hasMessageContaining("parts");
    }

    @Test
    void newObject_unparsableBody_messageSaysWhereWithoutParserInternals() {
        assertThatThrownBy(() -> RequestBodies.newObject("{\"filename\":\"a\"} {\"filename\":\"b\"}"))
                .hasMessageContaining("there is more after the JSON value (line 1, column")
                .hasMessageNotContaining("com.fasterxml").hasMessageNotContaining("Feature").hasMessageNotContaining("`");
        assertThatThrownBy(() -> RequestBodies.newObject("{\"filename\":"))
                .hasMessageContaining("ends before the JSON value does").hasMessageNotContaining("com.fasterxml");
        assertThatThrownBy(() -> RequestBodies.newObject("{\"size\":1" + "0".repeat(40) + "}"))
                .hasMessageContaining("a number in it is too long").hasMessageNotContaining("StreamReadConstraints");
    }

    @Test
    void completion_partChecksumsAndWholeObjectChecksum_areReadUnderS3sNames() {
        RequestBodies.Completion completion = RequestBodies.completion("{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\",\"ChecksumCRC32C\":\"4waSgw==\"},"
                + "{\"PartNumber\":2,\"ETag\":\"b\"}],\"checksum\":\"AAAAAA==\"}");

        assertThat(completion.parts().get(0).checksum()).hasValue(new PartChecksum(ChecksumAlgorithm.CRC32C, "4waSgw=="));
        assertThat(completion.parts().get(1).checksum()).isEmpty();
        assertThat(completion.checksum()).hasValue("AAAAAA==");
    }

    @Test
    void completion_twoChecksumsOrABadValue_isInvalidRequestNamingThePart() {
        assertThatThrownBy(() -> RequestBodies.completion("{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\",\"ChecksumCRC32C\":\"4waSgw==\","
                + "\"ChecksumCRC32\":\"4waSgw==\"}]}")).hasMessageContaining("parts[0].Checksum").hasMessageContaining("second checksum");
        assertThatThrownBy(() -> RequestBodies.completion("{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\",\"ChecksumSHA256\":\"4waSgw==\"}]}"))
                .hasMessageStartingWith("parts[0].ChecksumSHA256 '4waSgw=='");
        assertThatThrownBy(() -> RequestBodies.completion("{\"parts\":[{\"PartNumber\":1,\"ETag\":\"a\"}],\"checksum\":5}"))
                .hasMessageStartingWith("checksum");
    }

    @Test
    void newObject_partSizeAndChecksumFields_areRead() {
        NewObjectRequest request = RequestBodies.newObject("{\"filename\":\"a\",\"size\":10,\"partSize\":5242880,"
                + "\"checksumAlgorithm\":\"CRC32C\",\"checksumType\":\"COMPOSITE\"}");

        assertThat(request.partSize()).hasValue(5242880);
        assertThat(request.checksumAlgorithm()).isEqualTo("CRC32C");
        assertThat(request.checksumType()).isEqualTo("COMPOSITE");
    }
}
