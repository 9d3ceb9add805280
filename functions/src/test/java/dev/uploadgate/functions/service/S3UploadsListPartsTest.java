package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.PartChecksum;
import dev.uploadgate.functions.rules.UploadedPart;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * S3 lists each part's checksum for an upload created with an algorithm (S3Proxy and moto list
 * none, so this is checked against S3's answer shape): list-parts passes it on under S3's name,
 * and a resuming client compares it where the ETag is no MD5 (SSE-KMS).
 */
class S3UploadsListPartsTest {

    @Test
    void listParts_partsWithChecksums_keepThemUnderTheirAlgorithm() {
        S3Uploads uploads = new S3Uploads(answering(Part.builder().partNumber(1).size(5L).eTag("\"kms-etag-1\"").checksumCRC32C("yZRlqg==").build(),
                Part.builder().partNumber(2).size(3L).eTag("\"kms-etag-2\"").checksumSHA256("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=").build()),
                "bucket", Optional.empty());

        List<UploadedPart> parts = uploads.listParts("k", "id");

        assertThat(parts).containsExactly(
                new UploadedPart(1, 5, "kms-etag-1", Optional.of(new PartChecksum(ChecksumAlgorithm.CRC32C, "yZRlqg=="))),
                new UploadedPart(2, 3, "kms-etag-2", Optional.of(new PartChecksum(ChecksumAlgorithm.SHA256, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="))));
    }

    @Test
    void listParts_partWithoutChecksum_hasNone() {
        S3Uploads uploads = new S3Uploads(answering(Part.builder().partNumber(1).size(5L).eTag("\"abc\"").build()), "bucket", Optional.empty());

        assertThat(uploads.listParts("k", "id")).containsExactly(new UploadedPart(1, 5, "abc"));
    }

    @Test
    void partResponse_checksum_isWrittenUnderS3sMemberNameAndTheOthersAreAbsent() {
        String json = Json.write(PartResponse.of(new UploadedPart(1, 5, "e", Optional.of(new PartChecksum(ChecksumAlgorithm.CRC64NVME, "AAAAAAAAAAA=")))));

        assertThat(json).isEqualTo("{\"PartNumber\":1,\"Size\":5,\"ETag\":\"\\\"e\\\"\",\"ChecksumCRC64NVME\":\"AAAAAAAAAAA=\"}");
    }

    /** An S3 client that lists the given parts, on one page, for any upload. */
    private static S3Client answering(Part... parts) {
        return new S3Client() {
            @Override
            public ListPartsResponse listParts(ListPartsRequest request) {
                return ListPartsResponse.builder().parts(parts).isTruncated(false).build();
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }
}
