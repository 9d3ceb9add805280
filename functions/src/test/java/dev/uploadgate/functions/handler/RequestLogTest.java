package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void mask_presignedUrlInAMessage_hidesSignatureCredentialAndToken() {
        String masked = RequestLog.mask("key 'https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAEXAMPLE%2F2026&X-Amz-Security-Token=FwoGZX"
                + "&X-Amz-Signature=0123abcd' does not belong to the caller");

        assertThat(masked).doesNotContain("AKIAEXAMPLE").doesNotContain("FwoGZX").doesNotContain("0123abcd")
                .contains("X-Amz-Signature=***").contains("does not belong to the caller");
    }

    @Test
    void mask_jsonFields_hidesTheirValues() {
        assertThat(RequestLog.mask("{\"x-amz-signature\":\"abc123\",\"status\":200}")).isEqualTo("{\"x-amz-signature\":\"***\",\"status\":200}");
    }
}
