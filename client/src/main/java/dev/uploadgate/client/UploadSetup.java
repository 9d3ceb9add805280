package dev.uploadgate.client;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * What every upload of one {@link Uploader} shares: its API client, part sender, the jobs that
 * complete, resume and clean up, and its settings.
 *
 * @param partSize 0 to choose it from the file's size
 */
record UploadSetup(ApiClient api, PartSender sender, Completion completion, ResumeCheck resumeCheck, Leftovers leftovers,
                   long partSize, int concurrency, ChecksumAlgorithm checksum, boolean bindChecksums, ProgressListener progress,
                   Clock clock) {

    /**
     * The part URLs of an upload: presigned with each part's checksum once it is read (S3
     * checksums always; MD5 with bindChecksums), else fetched ahead in batches, for the parts
     * {@code needed}, on {@code background}.
     */
    PartUrls urlsFor(MultipartUpload upload, IntPredicate needed, ExecutorService background) {
        boolean bound = upload.checksum().isS3Checksum() || bindChecksums && upload.checksum() == ChecksumAlgorithm.MD5;
        return bound ? new BoundPartUrls(api, upload.key(), upload.uploadId(), upload.checksum())
                : new PartUrlCache(api, upload.key(), upload.uploadId(), needed, upload.partCount(), background, clock);
    }
}
