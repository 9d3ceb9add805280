package dev.uploadgate.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a resumed upload finds on the server: the parts S3 holds that match the local file byte for
 * byte (so only the others are sent), or, when the upload is gone, the object a complete of these
 * very parts already made (a Ctrl-C while the final complete ran).
 */
final class ResumeCheck {
    private static final int CHUNK = 1024 * 1024;

    private final ApiClient api;
    private final Completion completion;

    ResumeCheck(ApiClient api, Completion completion) {
        this.api = api;
        this.completion = completion;
    }

    /**
     * The parts S3 holds with the size and the checksum (or, when none is listed, the MD5 ETag) of
     * the local part, told to {@code transfer} with their value in the upload's checksum; empty
     * when the upload no longer exists.
     */
    Optional<Set<Integer>> partsOnServer(MultipartTransfer transfer, FileChannel channel, MultipartUpload upload, long size)
            throws InterruptedException, IOException {
        List<ApiClient.ListedPart> listed;
        try {
            listed = api.listParts(upload.key(), upload.uploadId());
        } catch (TransferException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        Set<Integer> verified = new HashSet<>();
        for (ApiClient.ListedPart part : listed) {
            int number = part.partNumber();
            if (number < 1 || number > upload.partCount() || part.size() != PartSizes.partLength(size, upload.partSize(), number)) {
                continue;
            }
            PartHash md5 = PartHash.of(ChecksumAlgorithm.MD5);
            PartHash value = upload.checksum() == ChecksumAlgorithm.MD5 ? md5 : PartHash.of(upload.checksum());
            long offset = (number - 1) * upload.partSize();
            if (value == md5) {
                read(channel, offset, part.size(), md5);
            } else {
                read(channel, offset, part.size(), md5, value);
            }
            PartDigest md5Digest = md5.finish();
            PartDigest valueDigest = value == md5 ? md5Digest : value.finish();
            if (part.holds(upload.checksum(), md5Digest, valueDigest)) {
                transfer.alreadyOnServer(number, valueDigest, part.etag());
                verified.add(number);
            }
        }
        return Optional.of(verified);
    }

    /**
     * The finished object of an upload that is gone: when the state file lists every part, the
     * complete is asked again with their ETags and the checksums of the local file, which the API
     * answers, for a completed upload, with the object (verified like any complete). Otherwise, or
     * when the API does not know the object either, the refusal that says to start over.
     */
    UploadResult finishedObject(FileChannel channel, MultipartUpload upload, UploadState state, long size, Instant start)
            throws InterruptedException, IOException {
        TransferException gone = new TransferException(TransferException.Kind.REFUSED, "the upload " + upload.uploadId() + " of "
                + upload.key() + " recorded in the state file no longer exists (aborted or expired, and no object at its key"
                + " was made of these parts); delete the state file to start over", null, 404, "NoSuchUpload", null, null, false);
        if (state.parts().size() != upload.partCount()) {
            throw gone;
        }
        NavigableMap<Integer, String> etags = new TreeMap<>(state.parts());
        List<PartDigest> digests = new ArrayList<>();
        for (int number = 1; number <= upload.partCount(); number++) {
            PartHash value = PartHash.of(upload.checksum());
            read(channel, (number - 1) * upload.partSize(), PartSizes.partLength(size, upload.partSize(), number), value);
            digests.add(value.finish());
        }
        try {
            return completion.complete(upload, etags, digests, size, 0, start);
        } catch (TransferException e) {
            if (e.kind() == TransferException.Kind.REFUSED && (e.status() == 404 || e.status() == 400)) {
                gone.addSuppressed(e);
                throw gone;
            }
            throw e;
        }
    }

    /** Feeds the file's bytes {@code offset..offset+length} to every hash. */
    private static void read(FileChannel channel, long offset, long length, PartHash... hashes) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long end = offset + length;
        for (long position = offset; position < end; ) {
            chunk.clear().limit((int) Math.min(CHUNK, end - position));
            int n = channel.read(chunk, position);
            if (n < 0) {
                throw new IOException("the file ended at byte " + position + "; it was changed during the upload");
            }
            for (PartHash hash : hashes) {
                hash.update(chunk.array(), 0, n);
            }
            position += n;
        }
    }
}
