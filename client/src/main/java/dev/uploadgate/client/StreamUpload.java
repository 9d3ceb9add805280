package dev.uploadgate.client;

import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One stream's upload (standard input, say): unknown length, so parts of a fixed size go one after
 * another as they fill, at most {@code concurrency} in memory. It cannot be resumed: a failure
 * aborts the upload.
 */
final class StreamUpload {
    private final UploadSetup setup;
    private final InputStream in;
    private final UploadOptions options;

    StreamUpload(UploadSetup setup, InputStream in, UploadOptions options) {
        this.setup = setup;
        this.in = in;
        this.options = options;
    }

    UploadResult run() {
        Instant start = setup.clock().instant();
        long partSize = setup.partSize() > 0 ? setup.partSize() : PartSizes.DEFAULT_PART_SIZE;
        PartSizes.requireUsable(partSize, -1);
        UploadOptions noResume = UploadOptions.builder().keepOnFailure(false).build();
        ApiClient.CreatedUpload created;
        try {
            created = setup.api().create(options.fileName().orElse("stdin"), options.contentType().orElse("application/octet-stream"),
                    options.metadata(), null, null, setup.checksum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled before it started", e);
        }
        ExecutorService presigner = Executors.newSingleThreadExecutor(MultipartTransfer.daemonThreads("uploadgate-presign"));
        try {
            MultipartUpload upload = Started.check(created, -1, partSize, setup.checksum(), setup.api());
            PartUrls urls = setup.urlsFor(upload, p -> true, presigner);
            try (MultipartTransfer transfer = new MultipartTransfer(setup.sender(), urls, upload, setup.concurrency(), (int) partSize,
                    setup.progress(), etags -> { })) {
                long size = transfer.sendFromStream(in, partSize);
                return setup.completion().complete(upload, transfer.etags(), transfer.digests(), size, transfer.partsSent(), start);
            }
        } catch (TransferException e) {
            throw setup.leftovers().after(e, created.key(), created.uploadId(), noResume);
        } catch (InterruptedException e) {
            throw setup.leftovers().after(new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled", e),
                    created.key(), created.uploadId(), noResume);
        } finally {
            presigner.shutdownNow();
        }
    }
}
