package dev.uploadgate.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One file's upload: started (or found again in its state file), its missing parts read at their
 * offsets and sent, completed and verified; on failure kept for a resume or aborted.
 */
final class FileUpload {
    private final UploadSetup setup;
    private final Path file;
    private final UploadOptions options;

    FileUpload(UploadSetup setup, Path file, UploadOptions options) {
        this.setup = setup;
        this.file = file;
        this.options = options;
    }

    UploadResult run() {
        Instant start = setup.clock().instant();
        FileIdentity identity = identify(file);
        long size = identity.size();
        UploadState state = options.stateFile().filter(Files::exists).map(UploadState::read).orElse(null);
        if (state != null) {
            requireSameFile(state, identity);
        }
        MultipartUpload upload = state != null ? resumed(state, size) : created(identity);
        UploadState initial = state != null ? state : newState(upload, identity);
        ExecutorService presigner = Executors.newSingleThreadExecutor(MultipartTransfer.daemonThreads("uploadgate-presign"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Set<Integer> onServer = ConcurrentHashMap.newKeySet();
            PartUrls urls = setup.urlsFor(upload, p -> !onServer.contains(p), presigner);
            int bufferSize = (int) Math.min(upload.partSize(), Math.max(size, 0));
            try (MultipartTransfer transfer = new MultipartTransfer(setup.sender(), urls, upload,
                    Math.min(setup.concurrency(), upload.partCount()), bufferSize, setup.progress(), stateWriter(initial))) {
                if (state != null) {
                    Optional<Set<Integer>> verified = setup.resumeCheck().partsOnServer(transfer, channel, upload, size);
                    if (verified.isEmpty()) {
                        return finish(setup.resumeCheck().finishedObject(channel, upload, state, size, start));
                    }
                    onServer.addAll(verified.get());
                }
                List<Integer> missing = new ArrayList<>();
                for (int p = 1; p <= upload.partCount(); p++) {
                    if (!onServer.contains(p)) {
                        missing.add(p);
                    }
                }
                transfer.sendFromFile(channel, size, upload.partSize(), missing);
                return finish(setup.completion().complete(upload, transfer.etags(), transfer.digests(), size, transfer.partsSent(),
                        start));
            }
        } catch (TransferException e) {
            throw setup.leftovers().after(e, upload.key(), upload.uploadId(), options);
        } catch (InterruptedException e) {
            throw setup.leftovers().after(new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled", e),
                    upload.key(), upload.uploadId(), options);
        } catch (IOException e) {
            throw setup.leftovers().after(new TransferException(TransferException.Kind.LOCAL, "cannot read " + file + ": "
                    + e.getMessage(), e), upload.key(), upload.uploadId(), options);
        } finally {
            presigner.shutdownNow();
        }
    }

    /** The upload of a state file, with the part size and checksum it was started with. */
    private static MultipartUpload resumed(UploadState state, long size) {
        PartSizes.requireUsable(state.partSize(), size);
        return new MultipartUpload(state.key(), state.uploadId(), state.partSize(), PartSizes.partCount(size, state.partSize()),
                state.checksum());
    }

    /**
     * A new upload, with the part size chosen here sent to the API and the one it answers used
     * (the API binds every part's exact length to it).
     */
    private MultipartUpload created(FileIdentity identity) {
        long size = identity.size();
        long wanted = setup.partSize() > 0 ? setup.partSize() : PartSizes.partSizeFor(size);
        PartSizes.requireUsable(wanted, size);
        ApiClient.CreatedUpload created;
        try {
            created = setup.api().create(options.fileName().orElse(file.getFileName().toString()), contentType(),
                    options.metadata(), size, wanted, setup.checksum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled before it started", e);
        }
        UploadOptions abortOnFailure = UploadOptions.builder().keepOnFailure(false).build();
        try {
            return Started.check(created, size, wanted, setup.checksum(), setup.api());
        } catch (TransferException e) {
            throw setup.leftovers().after(e, created.key(), created.uploadId(), abortOnFailure);
        }
    }

    private UploadState newState(MultipartUpload upload, FileIdentity identity) {
        if (options.stateFile().isEmpty()) {
            return null;
        }
        UploadState state = new UploadState(UploadState.VERSION, setup.api().baseUrl().toString(), upload.key(), upload.uploadId(),
                upload.partSize(), file.toAbsolutePath().toString(), identity, upload.checksum(), Map.of());
        try {
            state.write(options.stateFile().get());
            return state;
        } catch (IOException e) {
            throw setup.leftovers().after(new TransferException(TransferException.Kind.LOCAL, "cannot write state file "
                    + options.stateFile().get() + ": " + e.getMessage(), e), upload.key(), upload.uploadId(),
                    UploadOptions.builder().keepOnFailure(false).build());
        }
    }

    private UploadResult finish(UploadResult result) {
        options.stateFile().ifPresent(FileUpload::deleteQuietly);
        return result;
    }

    private MultipartTransfer.PartListener stateWriter(UploadState initial) {
        if (initial == null || options.stateFile().isEmpty()) {
            return etags -> { };
        }
        Path stateFile = options.stateFile().get();
        Object lock = new Object();
        return etags -> {
            synchronized (lock) {
                initial.withParts(Map.copyOf(etags)).write(stateFile);
            }
        };
    }

    private static FileIdentity identify(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new TransferException(TransferException.Kind.LOCAL, file + " is not a regular file", null);
            }
            return FileIdentity.of(file);
        } catch (NoSuchFileException e) {
            throw new TransferException(TransferException.Kind.LOCAL, "no such file: " + file, e);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void requireSameFile(UploadState state, FileIdentity identity) {
        if (!state.identity().equals(identity)) {
            throw new TransferException(TransferException.Kind.LOCAL, file + " changed since the upload in state file "
                    + options.stateFile().orElseThrow() + " started (then " + state.identity() + ", now " + identity
                    + "); to start over, discard the old upload with: upload abort " + state.key() + " " + state.uploadId()
                    + ", and delete the state file", null, 0, null, state.key(), state.uploadId(), true);
        }
    }

    private String contentType() {
        if (options.contentType().isPresent()) {
            return options.contentType().get();
        }
        try {
            String probed = Files.probeContentType(file);
            return probed != null ? probed : "application/octet-stream";
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private static void deleteQuietly(Path stateFile) {
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            // The upload is complete; a stale state file is resumed into the same finished object, or refused.
        }
    }
}
