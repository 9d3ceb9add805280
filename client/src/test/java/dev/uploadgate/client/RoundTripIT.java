package dev.uploadgate.client;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.client.testing.Checksums;
import dev.uploadgate.client.testing.FaultProxy;
import dev.uploadgate.client.testing.TestFiles;
import dev.uploadgate.client.testing.TestStack;
import dev.uploadgate.client.testing.TestStackExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads of every boundary size, from a file and from a stream, and with every checksum, through
 * the real handlers and an S3 server that checks every signature and checksum; the object read
 * straight from S3 and the one the {@link Downloader} brings back must both have the SHA-256 of
 * what was sent, and the full-object CRC32C S3 reports must be the one computed here of the whole file.
 */
@ExtendWith(TestStackExtension.class)
class RoundTripIT {
    private static final long PART = 5 * MIB;
    private static TestStack stack;
    private static Uploader uploader;
    private static Downloader downloader;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect(TestStack testStack) {
        stack = testStack;
        uploader = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(4).build();
        downloader = Downloader.builder().apiUrl(stack.apiUrl()).rangeSize(2 * MIB).concurrency(4).build();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, PART, PART + 1, 3 * PART + 12_345})
    void uploadFile_anySize_storesAndDownloadsTheSameBytes(long size) throws Exception {
        byte[] bytes = TestFiles.randomBytes(size, size);
        Path file = TestFiles.write(dir, "file-" + size + ".bin", bytes);

        UploadResult result = uploader.upload(file);

        assertThat(result.size()).isEqualTo(size);
        assertThat(result.parts()).isEqualTo(PartSizes.partCount(size, PART));
        assertThat(result.key()).endsWith("/file-" + size + ".bin");
        assertThat(result.etag()).matches("\"[0-9a-f]{32}-" + result.parts() + "\"");
        assertThat(result.checksum()).isEqualTo(new ObjectChecksum("CRC32C", "FULL_OBJECT", Checksums.crc32c(bytes)));
        assertSameBytes(result.key(), bytes);
        assertThat(downloader.download(result.key(), new ByteArrayOutputStream()))
                .extracting(DownloadResult::checksum, DownloadResult::verified, DownloadResult::verification)
                .containsExactly(result.checksum(), true, "full-object CRC32C");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChecksumAlgorithm.class)
    void uploadFile_eachChecksum_storesTheBytesWithItsChecksum(ChecksumAlgorithm checksum) throws Exception {
        byte[] bytes = TestFiles.randomBytes(3 * PART + 77, 31);
        Path file = TestFiles.write(dir, "checked-" + checksum + ".bin", bytes);
        Uploader checked = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).concurrency(3).checksum(checksum).build();

        UploadResult result = checked.upload(file);

        String header = checksum.s3Name().map(name -> "x-amz-checksum-" + name.toLowerCase(Locale.ROOT)).orElse(null);
        assertThat(stack.proxy().seen()).filteredOn(FaultProxy.Seen::isPartPut).hasSize(4).allSatisfy(put -> {
            assertThat(put.headers().containsKey("content-md5")).isEqualTo(checksum == ChecksumAlgorithm.MD5);
            assertThat(header == null ? put.headers().keySet().stream().noneMatch(h -> h.startsWith("x-amz-checksum-"))
                    : put.headers().containsKey(header)).isTrue();
        });
        DownloadResult downloaded = downloader.download(result.key(), new ByteArrayOutputStream());
        switch (checksum) {
            case CRC32C -> assertThat(result.checksum().value()).isEqualTo(Checksums.crc32c(bytes));
            case CRC64NVME -> assertThat(result.checksum().value()).isEqualTo(Base64.getEncoder().encodeToString(
                    Crc.CRC64NVME.bytes(Crc.CRC64NVME.of(bytes, 0, bytes.length))));
            case SHA256 -> {
                assertThat(result.checksum()).extracting(ObjectChecksum::type).isEqualTo("COMPOSITE");
                assertThat(result.checksum().value()).endsWith("-4");
                assertThat(downloaded.verified()).isFalse();
                assertThat(downloaded.verification()).contains("COMPOSITE", "not verified");
            }
            case MD5, NONE -> {
                assertThat(result.checksum()).isNull();
                assertThat(downloaded.checksum()).isNull();
                assertThat(downloaded.verified()).isFalse();
            }
        }
        if (checksum.type().filter("FULL_OBJECT"::equals).isPresent()) {
            assertThat(result.checksum().algorithm()).isEqualTo(checksum.s3Name().orElseThrow());
            assertThat(downloaded.checksum()).isEqualTo(result.checksum());
            assertThat(downloaded.verification()).isEqualTo("full-object " + checksum.s3Name().orElseThrow());
        }
        assertSameBytes(result.key(), bytes);
    }

    @Test
    void uploadFile_crc32c_sendsPartSizeAtCreateAndBindsEveryPartsChecksum() throws Exception {
        byte[] bytes = TestFiles.randomBytes(2 * PART + 5, 12);
        Path file = TestFiles.write(dir, "bound-crc.bin", bytes);

        uploader.upload(file);

        assertThat(stack.api().seen()).filteredOn(c -> c.path().endsWith("/batch")).isNotEmpty().allSatisfy(batch ->
                assertThat(batch.query().get("checksums").split(",")).hasSameSizeAs(batch.query().get("partNumbers").split(",")));
        assertThat(stack.api().seen()).filteredOn(c -> c.path().endsWith("/batch"))
                .flatMap(c -> List.of(c.query().get("partNumbers").split(","))).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(stack.proxy().seen()).filteredOn(FaultProxy.Seen::isPartPut)
                .extracting(put -> put.headers().get("content-length")).containsExactlyInAnyOrder("5242880", "5242880", "5");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, PART, PART + 1, 3 * PART + 12_345})
    void uploadStream_anySize_storesAndDownloadsTheSameBytes(long size) throws Exception {
        byte[] bytes = TestFiles.randomBytes(size, size + 7);

        UploadResult result = uploader.upload(new ByteArrayInputStream(bytes), UploadOptions.builder().fileName("piped.bin").build());

        assertThat(result.size()).isEqualTo(size);
        assertThat(result.parts()).isEqualTo(PartSizes.partCount(size, PART));
        assertThat(result.checksum()).isEqualTo(new ObjectChecksum("CRC32C", "FULL_OBJECT", Checksums.crc32c(bytes)));
        assertSameBytes(result.key(), bytes);
    }

    @Test
    void uploadFile_md5BoundIntoSignatures_presignsEachPartWithItsMd5() throws Exception {
        byte[] bytes = TestFiles.randomBytes(PART + 10, 99);
        Path file = TestFiles.write(dir, "bound.bin", bytes);
        Uploader bound = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).checksum(ChecksumAlgorithm.MD5)
                .bindChecksums(true).build();

        UploadResult result = bound.upload(file);

        assertThat(stack.api().seen()).filteredOn(c -> c.method().equals("GET") && c.path().matches("/s3/multipart/[^/]+/\\d+"))
                .extracting(c -> c.query().get("contentMD5")).hasSize(2).allMatch(md5 -> md5.matches("[A-Za-z0-9+/]{22}=="));
        assertThat(stack.api().seen()).noneMatch(c -> c.path().endsWith("/batch"));
        assertSameBytes(result.key(), bytes);
    }

    private void assertSameBytes(String key, byte[] expected) throws Exception {
        String sha256 = TestFiles.sha256(expected);
        assertThat(TestFiles.sha256(stack.objectBytes(key))).as("object in S3").isEqualTo(sha256);

        Path target = dir.resolve("downloaded");
        DownloadResult toFile = downloader.download(key, target);
        assertThat(toFile.size()).isEqualTo(expected.length);
        assertThat(TestFiles.sha256(Files.readAllBytes(target))).as("downloaded file").isEqualTo(sha256);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        downloader.download(key, out);
        assertThat(TestFiles.sha256(out.toByteArray())).as("downloaded stream").isEqualTo(sha256);
    }
}
