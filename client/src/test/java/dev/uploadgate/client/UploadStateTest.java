package dev.uploadgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStateTest {
    @TempDir
    Path dir;

    @Test
    void write_thenRead_givesTheSameState() throws Exception {
        Path file = Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});
        UploadState state = new UploadState(UploadState.VERSION, "http://127.0.0.1:1", "uploads/public/x/data.bin", "upload-1",
                5L * 1024 * 1024, file.toString(), FileIdentity.of(file), ChecksumAlgorithm.CRC64NVME,
                Map.of(2, "\"etag2\"", 1, "\"etag1\""));
        Path stateFile = dir.resolve("data.state");

        state.write(stateFile);

        assertThat(UploadState.read(stateFile)).isEqualTo(state);
        assertThat(Files.readString(stateFile)).contains("\"uploadId\" : \"upload-1\"", "\"1\" : \"\\\"etag1\\\"\"",
                "\"checksum\" : \"CRC64NVME\"");
        assertThat(dir.resolve("data.state.tmp")).doesNotExist();
    }

    @Test
    void read_version1WithoutChecksum_isAnMd5Upload() throws Exception {
        Path stateFile = Files.writeString(dir.resolve("old.state"), "{\"version\": 1, \"apiUrl\": \"http://127.0.0.1:1\","
                + " \"key\": \"k\", \"uploadId\": \"u\", \"partSize\": 5242880, \"file\": \"/f\","
                + " \"identity\": {\"size\": 1, \"modifiedMillis\": 2, \"firstMibSha256\": \"ab\"}, \"parts\": {\"1\": \"\\\"e\\\"\"}}");

        UploadState state = UploadState.read(stateFile);

        assertThat(state.checksum()).isEqualTo(ChecksumAlgorithm.MD5);
        assertThat(state.parts()).containsEntry(1, "\"e\"");
    }

    @Test
    void read_notAStateFile_saysToDeleteIt() throws Exception {
        Path stateFile = Files.writeString(dir.resolve("bad.state"), "{\"hello\": 1}");

        TransferException e = catchThrowableOfType(TransferException.class, () -> UploadState.read(stateFile));

        assertThat(e.kind()).isEqualTo(TransferException.Kind.LOCAL);
        assertThat(e.getMessage()).contains("delete it");
    }

    @Test
    void fileIdentity_contentChangedInFirstMib_differs() throws Exception {
        Path file = Files.write(dir.resolve("f.bin"), new byte[] {1, 2, 3});
        FileIdentity before = FileIdentity.of(file);
        Files.write(file, new byte[] {1, 2, 4});
        Files.setLastModifiedTime(file, Files.getLastModifiedTime(file));

        assertThat(FileIdentity.of(file).firstMibSha256()).isNotEqualTo(before.firstMibSha256());
        assertThat(FileIdentity.of(file).size()).isEqualTo(before.size());
    }
}
