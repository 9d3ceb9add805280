package dev.uploadgate.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Uploads files and streams through the uploadgate API: the API starts a multipart upload and
 * presigns its parts, the parts go straight to S3, many at once, each with its checksum (CRC32C by
 * default) bound into its URL, and the object is completed and its full-object checksum verified.
 * Built once and shared: an {@code Uploader} is thread-safe, and each upload runs on its own
 * workers.
 *
 * <pre>{@code
 * Uploader uploader = Uploader.builder()
 *         .apiUrl(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com"))
 *         .concurrency(8)
 *         .build();
 * UploadResult result = uploader.upload(Path.of("video.mp4"));
 * System.out.println(result.key() + " " + result.checksum());
 * }</pre>
 *
 * <p>A failed or interrupted upload is aborted on the server, unless it has a state file (see
 * {@link UploadOptions#stateFile()}): then it is kept, and the same call with the same state file
 * resumes it, sending only the parts S3 does not hold yet (or, if its complete had already gone
 * through, answering the finished object).
 */
public final class Uploader {
    private final UploadSetup setup;

    private Uploader(UploadSetup setup) {
        this.setup = setup;
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
        return new FileUpload(setup, file, options).run();
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
        return new StreamUpload(setup, in, options).run();
    }

    /** Aborts a multipart upload, freeing the storage of its parts. */
    public void abort(String key, String uploadId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uploadId, "uploadId");
        try {
            setup.api().abort(key, uploadId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Kind.CANCELLED, "the abort was cancelled", e);
        }
    }

    /** Builds an {@link Uploader}; every setting is checked when set. Only the API URL is required. */
    public static final class Builder extends ClientBuilder<Builder> {
        private long partSize;
        private ChecksumAlgorithm checksum = ChecksumAlgorithm.DEFAULT;
        private boolean bindChecksums;
        private Duration completePatience = Duration.ofMinutes(5);

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Bytes per part (5 MiB to 2 GiB); by default chosen from the file size: 8 MiB or more, at
         * most 10,000 parts. Sent to the API, which binds each part's exact length to it.
         */
        public Builder partSize(long partSize) {
            PartSizes.requireUsable(partSize, -1);
            this.partSize = partSize;
            return this;
        }

        /** How the bytes are proven (default {@link ChecksumAlgorithm#DEFAULT}, CRC32C); see {@link ChecksumAlgorithm}. */
        public Builder checksum(ChecksumAlgorithm checksum) {
            this.checksum = Objects.requireNonNull(checksum, "checksum");
            return this;
        }

        /**
         * With {@link ChecksumAlgorithm#MD5}: presign each part with its length and MD5 bound into
         * the signature (one API call per part), instead of batches of 100 with the MD5 as a plain
         * header. Either way S3 checks the MD5; bound, nothing between this client and S3 can drop
         * the check. The S3 checksums (CRC32C, CRC64NVME, SHA256) are always bound.
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
            BlockingHttp http = new BlockingHttp(connectTimeout);
            ApiClient api = apiClient(http);
            Clock clock = Clock.systemUTC();
            Completion completion = new Completion(api, retryPolicy, completePatience, clock);
            return new Uploader(new UploadSetup(api, new PartSender(http, transferTimeout, retryPolicy), completion,
                    new ResumeCheck(api, completion), new Leftovers(api), partSize, concurrency, checksum, bindChecksums,
                    progress, clock));
        }
    }
}
