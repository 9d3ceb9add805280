package dev.uploadgate.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resume state file: which upload a file is going to, with which part size and checksum, and
 * the parts known to be finished (number to ETag). Version 1 files (before checksums) are read as
 * MD5 uploads, which they were. Written whole to a temporary file and moved into place,
 * so a crash leaves the old state or the new one, never half of one.
 */
record UploadState(int version, String apiUrl, String key, String uploadId, long partSize, String file,
                   FileIdentity identity, ChecksumAlgorithm checksum, Map<Integer, String> parts) {
    static final int VERSION = 2;

    UploadState {
        checksum = checksum == null ? ChecksumAlgorithm.MD5 : checksum;
        parts = new TreeMap<>(parts == null ? Map.of() : parts);
    }

    static UploadState read(Path stateFile) {
        try {
            UploadState state = Json.MAPPER.readValue(stateFile.toFile(), UploadState.class);
            if (state.version() < 1 || state.version() > VERSION || state.key() == null || state.uploadId() == null || state.identity() == null) {
                throw new TransferException(TransferException.Kind.LOCAL, "state file " + stateFile
                        + " is not a version 1 to " + VERSION + " upload state; delete it to start the upload over", null);
            }
            return state;
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL, "cannot read state file " + stateFile + ": " + e.getMessage()
                    + "; delete it to start the upload over", e);
        }
    }

    void write(Path stateFile) throws IOException {
        Path absolute = stateFile.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), this);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    UploadState withParts(Map<Integer, String> finished) {
        return new UploadState(version, apiUrl, key, uploadId, partSize, file, identity, checksum, finished);
    }
}
