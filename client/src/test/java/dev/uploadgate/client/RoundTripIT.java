package dev.uploadgate.client;

import static dev.uploadgate.client.testing.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.client.testing.TestFiles;
import dev.uploadgate.client.testing.TestStack;
import dev.uploadgate.client.testing.TestStackExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads of every boundary size, from a file and from a stream, through the real handlers and
 * an S3 server that checks every signature; the object read straight from S3 and the one the
 * {@link Downloader} brings back must both have the SHA-256 of what was sent.
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
        assertSameBytes(result.key(), bytes);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, PART, PART + 1, 3 * PART + 12_345})
    void uploadStream_anySize_storesAndDownloadsTheSameBytes(long size) throws Exception {
        byte[] bytes = TestFiles.randomBytes(size, size + 7);

        UploadResult result = uploader.upload(new ByteArrayInputStream(bytes), UploadOptions.builder().fileName("piped.bin").build());

        assertThat(result.size()).isEqualTo(size);
        assertThat(result.parts()).isEqualTo(PartSizes.partCount(size, PART));
        assertSameBytes(result.key(), bytes);
    }

    @Test
    void uploadFile_checksumsBoundIntoSignatures_presignsEachPartWithItsMd5() throws Exception {
        byte[] bytes = TestFiles.randomBytes(PART + 10, 99);
        Path file = TestFiles.write(dir, "bound.bin", bytes);
        Uploader bound = Uploader.builder().apiUrl(stack.apiUrl()).partSize(PART).bindChecksums(true).build();

        UploadResult result = bound.upload(file);

        assertThat(stack.api().calls()).filteredOn(c -> c.routeKey().endsWith("/{partNumber}"))
                .extracting(c -> c.query().get("contentMD5")).hasSize(2).allMatch(md5 -> md5.matches("[A-Za-z0-9+/]{22}=="));
        assertThat(stack.api().calls()).noneMatch(c -> c.routeKey().endsWith("/batch"));
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
