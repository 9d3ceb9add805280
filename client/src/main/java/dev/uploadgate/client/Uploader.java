package dev.uploadgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Uploads files and streams through the uploadgate API: the API starts a multipart upload and
 * presigns its parts, the parts go straight to S3, many at once, and the object is completed and
 * verified. Built once and shared: an {@code Uploader} is thread-safe, and each upload runs on
 * its own workers.
 *
 * <pre>{@code
 * Uploader uploader = Uploader.builder()
 *         .apiUrl(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com"))
 *         .concurrency(8)
 *         .build();
 * UploadResult result = uploader.upload(Path.of("video.mp4"));
 * System.out.println(result.key() + " " + result.etag());
 * }</pre>
 *
 * <p>A failed or interrupted upload is aborted on the server, unless it has a state file (see
 * {@link UploadOptions#stateFile()}): then it is kept, and the same call with the same state file
 * resumes it, sending only the parts S3 does not hold yet.
 */
public final class Uploader {
    private final ApiClient api;
    private final PartSender sender;
    private final long partSize;
    private final int concurrency;
    private final ProgressListener progress;
    private final RetryPolicy retryPolicy;
    private final Duration completePatience;
    private final Clock clock;

    private Uploader(Builder builder, BlockingHttp http, ApiSigner signer) {
        this.api = new ApiClient(http, builder.apiUrl, builder.retryPolicy, builder.apiTimeout, signer);
        this.sender = new PartSender(http, builder.transferTimeout, api, builder.retryPolicy, builder.bindChecksums);
        this.partSize = builder.partSize;
        this.concurrency = builder.concurrency;
        this.progress = builder.progress;
        this.retryPolicy = builder.retryPolicy;
        this.completePatience = builder.completePatience;
        this.clock = Clock.systemUTC();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Uploads a file under its own name. */
    public UploadResult upload(Path file) {
        return upload(file, UploadOptions.defaults());
    }

    /**
     * Uploads a file, read part by part at its offsets (never whole into memory).
     *
     * @throws TransferException when the upload did not finish; its message says what was left behind
     */
    public UploadResult upload(Path file, UploadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Instant start = clock.instant();
        FileIdentity identity = identify(file);
        long size = identity.size();
        UploadState state = options.stateFile().filter(Files::exists).map(UploadState::read).orElse(null);
        boolean resuming = state != null;
        if (resuming) {
            requireSameFile(state, identity, file, options.stateFile().orElseThrow());
        }
        long chosenPartSize = state != null ? state.partSize() : partSize > 0 ? partSize : PartSizes.partSizeFor(size);
        PartSizes.requireUsable(chosenPartSize, size);
        int partCount = PartSizes.partCount(size, chosenPartSize);
        String key;
        String uploadId;
        try {
            if (state == null) {
                ApiClient.CreatedUpload created = api.create(options.fileName().orElse(file.getFileName().toString()),
                        contentType(file, options), options.metadata(), OptionalLong.of(size));
                key = created.key();
                uploadId = created.uploadId();
                if (options.stateFile().isPresent()) {
                    state = new UploadState(UploadState.VERSION, api.baseUrl().toString(), key, uploadId, chosenPartSize,
                            file.toAbsolutePath().toString(), identity, Map.of());
                    try {
                        state.write(options.stateFile().get());
                    } catch (IOException e) {
                        throw leftovers(new TransferException(TransferException.Kind.LOCAL, "cannot write state file "
                                + options.stateFile().get() + ": " + e.getMessage(), e), key, uploadId,
                                UploadOptions.builder().keepOnFailure(false).build());
                    }
                }
            } else {
                key = state.key();
                uploadId = state.uploadId();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled before it started", e);
        }
        UploadState initial = state;
        ExecutorService presigner = Executors.newSingleThreadExecutor(MultipartTransfer.daemonThreads("uploadgate-presign"));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Set<Integer> onServer = ConcurrentHashMap.newKeySet();
            PartUrlCache urls = new PartUrlCache(api, key, uploadId, p -> !onServer.contains(p), partCount, presigner, clock);
            int bufferSize = (int) Math.min(chosenPartSize, Math.max(size, 0));
            try (MultipartTransfer transfer = new MultipartTransfer(sender, urls, key, uploadId,
                    Math.min(concurrency, partCount), bufferSize, progress, stateWriter(initial, options, key, uploadId))) {
                if (resuming) {
                    onServer.addAll(verifyPartsOnServer(transfer, channel, key, uploadId, size, chosenPartSize, partCount));
                }
                List<Integer> missing = new ArrayList<>();
                for (int p = 1; p <= partCount; p++) {
                    if (!onServer.contains(p)) {
                        missing.add(p);
                    }
                }
                transfer.sendFromFile(channel, size, chosenPartSize, missing);
                UploadResult result = complete(transfer, key, uploadId, size, partCount, start);
                options.stateFile().ifPresent(Uploader::deleteQuietly);
                return result;
            }
        } catch (TransferException e) {
            throw leftovers(e, key, uploadId, options);
        } catch (InterruptedException e) {
            throw leftovers(new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled", e), key, uploadId, options);
        } catch (IOException e) {
            throw leftovers(new TransferException(TransferException.Kind.LOCAL, "cannot read " + file + ": " + e.getMessage(), e),
                    key, uploadId, options);
        } finally {
            presigner.shutdownNow();
        }
    }

    /**
     * Uploads a stream of unknown length (standard input, say), with at most {@code concurrency}
     * parts in memory. A stream cannot be resumed: a failed upload is aborted.
     */
    public UploadResult upload(InputStream in, UploadOptions options) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        if (options.stateFile().isPresent()) {
            throw new IllegalArgumentException("a stream cannot be resumed: upload a file to use a state file");
        }
        Instant start = clock.instant();
        long chosenPartSize = partSize > 0 ? partSize : PartSizes.DEFAULT_PART_SIZE;
        PartSizes.requireUsable(chosenPartSize, -1);
        String key;
        String uploadId;
        try {
            String name = options.fileName().orElse("stdin");
            ApiClient.CreatedUpload created = api.create(name, options.contentType().orElse("application/octet-stream"),
                    options.metadata(), OptionalLong.empty());
            key = created.key();
            uploadId = created.uploadId();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled before it started", e);
        }
        ExecutorService presigner = Executors.newSingleThreadExecutor(MultipartTransfer.daemonThreads("uploadgate-presign"));
        PartUrlCache urls = new PartUrlCache(api, key, uploadId, p -> true, PartSizes.MAX_PARTS, presigner, clock);
        UploadOptions noResume = UploadOptions.builder().keepOnFailure(false).build();
        try (MultipartTransfer transfer = new MultipartTransfer(sender, urls, key, uploadId, concurrency, (int) chosenPartSize,
                progress, etags -> { })) {
            long size = transfer.sendFromStream(in, chosenPartSize);
            return complete(transfer, key, uploadId, size, transfer.etags().size(), start);
        } catch (TransferException e) {
            throw leftovers(e, key, uploadId, noResume);
        } catch (InterruptedException e) {
            throw leftovers(new TransferException(TransferException.Kind.CANCELLED, "the upload was cancelled", e), key, uploadId, noResume);
        } finally {
            presigner.shutdownNow();
        }
    }

    /** Aborts a multipart upload, freeing the storage of its parts. */
    public void abort(String key, String uploadId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        try {
            api.abort(key, uploadId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the abort was cancelled", e);
        }
    }

    private UploadResult complete(MultipartTransfer transfer, String key, String uploadId, long size, int partCount,
                                  Instant start) throws InterruptedException {
        NavigableMap<Integer, String> etags = transfer.etags();
        if (etags.size() != partCount || (partCount > 0 && etags.lastKey() != partCount)) {
            throw new IllegalStateException("parts " + etags.keySet() + " are on the server, not 1.." + partCount);
        }
        ApiClient.Completed completed = completeWithPatience(key, uploadId, etags);
        String expected = Digests.multipartETag(transfer.md5s());
        if (!Digests.bareETag(completed.etag()).equals(expected) || completed.size() != size) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + key + " was stored with ETag "
                    + completed.etag() + " and " + completed.size() + " bytes, but the bytes sent make \"" + expected + "\" and "
                    + size + " bytes; it may not hold this file: upload it again", null, 0, null, key, uploadId, false);
        }
        return new UploadResult(completed.key(), completed.location(), completed.etag(), completed.size(), uploadId,
                partCount, transfer.partsSent(), Duration.between(start, clock.instant()));
    }

    /**
     * Completes the upload. A complete that failed with a 5xx or a timeout may still be running on
     * S3 (assembling a large object takes a while, and an API call gives up sooner); then a repeated
     * complete sees the parts vanishing (InvalidPart) or the upload gone (NoSuchUpload) until S3
     * finishes, after which the API answers the repeat as it answered the first. So after an
     * ambiguous failure those refusals mean "wait and ask again", up to {@link #completePatience};
     * and if it still fails, the upload is not aborted: the object may be there.
     */
    private ApiClient.Completed completeWithPatience(String key, String uploadId, NavigableMap<Integer, String> etags)
            throws InterruptedException {
        Instant giveUp = clock.instant().plus(completePatience);
        boolean ambiguous = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return api.completeOnce(key, uploadId, etags);
            } catch (TransferException e) {
                boolean retryable = e.kind() == TransferException.Kind.TRANSFER;
                boolean stillAssembling = ambiguous && e.kind() == TransferException.Kind.REFUSED
                        && (e.status() == 404 || e.errorCode().filter(c -> c.equals("InvalidPart")).isPresent());
                boolean patient = clock.instant().isBefore(giveUp);
                if (retryable && attempt < retryPolicy.maxAttempts() && patient || stillAssembling && patient) {
                    ambiguous = true;
                    Duration wait = retryPolicy.delayBeforeRetry(Math.min(attempt, 30));
                    Thread.sleep(Math.max(stillAssembling ? 1000 : 0, wait.toMillis()));
                    continue;
                }
                if (!ambiguous && !retryable) {
                    throw e;
                }
                throw new TransferException(e.kind(), e.getMessage() + "; an earlier complete call of upload " + uploadId
                        + " failed without an answer and may still finish on S3: download " + key + " to see whether the"
                        + " object is there, and if it is not, discard the upload with: upload abort " + key + " " + uploadId,
                        e, e.status(), e.errorCode().orElse(null), key, uploadId, true);
            }
        }
    }

    /**
     * Which parts S3 holds that match the local file byte for byte (same size, ETag equal to the
     * local part's MD5). Anything else is sent again.
     */
    private Set<Integer> verifyPartsOnServer(MultipartTransfer transfer, FileChannel channel, String key, String uploadId,
                                             long size, long partSize, int partCount) throws InterruptedException, IOException {
        List<ApiClient.ListedPart> listed;
        try {
            listed = api.listParts(key, uploadId);
        } catch (TransferException e) {
            if (e.status() == 404) {
                throw new TransferException(TransferException.Kind.REFUSED, "the upload " + uploadId + " of " + key
                        + " recorded in the state file no longer exists (completed, aborted or expired); delete the state file"
                        + " to start over", e, 404, e.errorCode().orElse(null), null, null, false);
            }
            throw e;
        }
        Set<Integer> verified = new HashSet<>();
        ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
        for (ApiClient.ListedPart part : listed) {
            int number = part.partNumber();
            if (number < 1 || number > partCount || part.size() != PartSizes.partLength(size, partSize, number)) {
                continue;
            }
            MessageDigest md5 = Digests.md5();
            long offset = (number - 1) * partSize;
            long end = offset + part.size();
            for (long position = offset; position < end; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
                int n = channel.read(chunk, position);
                if (n < 0) {
                    break;
                }
                chunk.flip();
                md5.update(chunk);
                position += n;
            }
            byte[] digest = md5.digest();
            if (Digests.bareETag(part.etag()).equals(Digests.hex(digest))) {
                transfer.alreadyOnServer(number, digest, part.etag(), part.size());
                verified.add(number);
            }
        }
        return verified;
    }

    private static MultipartTransfer.PartListener stateWriter(UploadState initial, UploadOptions options, String key,
                                                              String uploadId) {
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

    /** The failure, with what became of the upload on the server: kept for a resume, aborted, or left behind. */
    private TransferException leftovers(TransferException failure, String key, String uploadId, UploadOptions options) {
        if (failure.key().isPresent()) {
            return failure; // already says what became of the upload (completed, or maybe completing)
        }
        if (options.keepOnFailure()) {
            String resume = options.stateFile().map(f -> "resume it by running the same upload again with state file " + f)
                    .orElse("resume it with the same part size");
            return failure.withUpload(key, uploadId, true, "the multipart upload " + uploadId + " of " + key
                    + " was kept: " + resume + ", or discard it with: upload abort " + key + " " + uploadId);
        }
        boolean interrupted = Thread.interrupted(); // an interrupted thread cannot make the abort call
        try {
            api.abort(key, uploadId);
            return failure.withUpload(key, uploadId, false, "the multipart upload " + uploadId + " was aborted, nothing is left behind");
        } catch (TransferException | InterruptedException e) {
            TransferException left = failure.withUpload(key, uploadId, true, "the multipart upload " + uploadId + " of " + key
                    + " could not be aborted (" + e.getMessage() + ") and its parts still take storage: abort it with: upload abort "
                    + key + " " + uploadId + " (or let the bucket's lifecycle rule remove it)");
            left.addSuppressed(e);
            return left;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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

    private static void requireSameFile(UploadState state, FileIdentity identity, Path file, Path stateFile) {
        if (!state.identity().equals(identity)) {
            throw new TransferException(TransferException.Kind.LOCAL, file + " changed since the upload in state file " + stateFile
                    + " started (then " + state.identity() + ", now " + identity + "); to start over, discard the old upload with: "
                    + "upload abort " + state.key() + " " + state.uploadId() + ", and delete the state file", null, 0, null,
                    state.key(), state.uploadId(), true);
        }
    }

    private static String contentType(Path file, UploadOptions options) {
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
            // The upload is complete; a stale state file is refused on its next use (its upload is gone).
        }
    }

    /** Builds an {@link Uploader}; every setting is checked when set. Only the API URL is required. */
    public static final class Builder {
        private URI apiUrl;
        private long partSize;
        private int concurrency = 8;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration apiTimeout = Duration.ofSeconds(30);
        private Duration transferTimeout = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private ProgressListener progress = ProgressListener.NONE;
        private AwsCredentialsProvider credentials;
        private String region;
        private boolean bindChecksums;
        private Duration completePatience = Duration.ofMinutes(5);

        private Builder() {
        }

        /** The API's base URL, such as {@code https://abc123.execute-api.eu-west-1.amazonaws.com} or {@code http://127.0.0.1:8080}. */
        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = ClientSettings.requireHttpUrl(apiUrl);
            return this;
        }

        /** Bytes per part (5 MiB to 2 GiB); by default chosen from the file size: 8 MiB or more, at most 10,000 parts. */
        public Builder partSize(long partSize) {
            PartSizes.requireUsable(partSize, -1);
            this.partSize = partSize;
            return this;
        }

        /** Parts in flight at once (1 to 64, default 8); memory is about this many parts. */
        public Builder concurrency(int concurrency) {
            this.concurrency = ClientSettings.requireConcurrency(concurrency);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Time for one API call to answer (default 30 s). */
        public Builder apiTimeout(Duration apiTimeout) {
            this.apiTimeout = ClientSettings.requirePositive("apiTimeout", apiTimeout);
            return this;
        }

        /** Time for one part to be sent and answered (default 5 minutes). */
        public Builder transferTimeout(Duration transferTimeout) {
            this.transferTimeout = ClientSettings.requirePositive("transferTimeout", transferTimeout);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = ClientSettings.requirePositive("connectTimeout", connectTimeout);
            return this;
        }

        public Builder progressListener(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Signs every API call with SigV4 (service {@code execute-api}) with these credentials, for
         * an API that uses AWS_IAM authorization; for example {@code DefaultCredentialsProvider.builder().build()}.
         */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The API's region, for signing; by default taken from an execute-api URL, else AWS_REGION. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /**
         * Presigns each part with its length and MD5 bound into the signature (one API call per
         * part), instead of batches of 100 with the MD5 as a plain header. Either way S3 checks the
         * MD5; bound, nothing between this client and S3 can drop the check.
         */
        public Builder bindChecksums(boolean bindChecksums) {
            this.bindChecksums = bindChecksums;
            return this;
        }

        /**
         * How long to keep asking after a complete call failed without an answer (default 5
         * minutes): S3 may still be assembling the object.
         */
        public Builder completePatience(Duration completePatience) {
            this.completePatience = ClientSettings.requirePositive("completePatience", completePatience);
            return this;
        }

        public Uploader build() {
            if (apiUrl == null) {
                throw new IllegalStateException("apiUrl is required");
            }
            return new Uploader(this, new BlockingHttp(connectTimeout),
                    ClientSettings.signer(credentials, region, apiUrl));
        }
    }
}
