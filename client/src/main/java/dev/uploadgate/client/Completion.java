package dev.uploadgate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Completes an upload and checks what S3 made of it: the size, and the whole object's checksum
 * (the combined CRC, the composite SHA-256, or for MD5 the multipart ETag) against the one
 * computed from the bytes sent.
 */
final class Completion {
    private final ApiClient api;
    private final RetryPolicy retryPolicy;
    private final Duration patience;
    private final Clock clock;

    Completion(ApiClient api, RetryPolicy retryPolicy, Duration patience, Clock clock) {
        this.api = api;
        this.retryPolicy = retryPolicy;
        this.patience = patience;
        this.clock = clock;
    }

    /**
     * Completes {@code upload} from its parts' ETags and values (both in part order, every part
     * from 1 to the last) and returns the verified result.
     */
    UploadResult complete(MultipartUpload upload, NavigableMap<Integer, String> etags, List<PartDigest> digests, long size,
                          int partsSent, Instant start) throws InterruptedException {
        int partCount = etags.size();
        if (digests.size() != partCount || (partCount > 0 && etags.lastKey() != partCount)) {
            throw new IllegalStateException("parts " + etags.keySet() + " (" + digests.size() + " checksums) are on the server, not 1.."
                    + partCount);
        }
        ChecksumAlgorithm algorithm = upload.checksum();
        List<ApiClient.CompletedPart> parts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, String> part : etags.entrySet()) {
            parts.add(ApiClient.CompletedPart.of(part.getKey(), part.getValue(), algorithm, digests.get(i++)));
        }
        String expected = ObjectDigests.expected(algorithm, digests);
        ApiClient.Completed completed = withPatience(upload, parts, algorithm.isFullObject() ? expected : null);
        requireExpected(upload, completed, expected, size);
        return new UploadResult(completed.key(), completed.location(), completed.etag(), completed.size(),
                algorithm.isS3Checksum() ? completed.checksum() : null, upload.uploadId(), partCount, partsSent,
                Duration.between(start, clock.instant()));
    }

    private static void requireExpected(MultipartUpload upload, ApiClient.Completed completed, String expected, long size) {
        ChecksumAlgorithm algorithm = upload.checksum();
        String stored;
        boolean matches;
        if (algorithm.isS3Checksum()) {
            ObjectChecksum checksum = completed.checksum();
            stored = checksum == null ? "no checksum" : checksum.type() + " " + checksum.algorithm() + " " + checksum.value();
            matches = checksum != null && checksum.algorithm().equals(algorithm.s3Name().orElseThrow())
                    && checksum.type().equals(algorithm.type().orElseThrow()) && checksum.value().equals(expected);
        } else {
            stored = "ETag " + completed.etag();
            matches = algorithm == ChecksumAlgorithm.NONE || Digests.bareETag(completed.etag()).equals(expected);
        }
        if (!matches || completed.size() != size) {
            throw new TransferException(TransferException.Kind.INTEGRITY, "the object " + upload.key() + " was stored with "
                    + stored + " and " + completed.size() + " bytes, but the bytes sent make " + (expected.isEmpty() ? "" : "\""
                    + expected + "\" and ") + size + " bytes; it may not hold this file: upload it again", null, 0, null,
                    upload.key(), upload.uploadId(), false);
        }
    }

    /**
     * A complete that failed with a 5xx or a timeout may still be running on S3 (assembling a large
     * object takes a while, and an API call gives up sooner); then a repeated complete sees the
     * parts vanishing (InvalidPart) or the upload gone (NoSuchUpload) until S3 finishes, after which
     * the API answers the repeat as it answered the first. So after an ambiguous failure those
     * refusals mean "wait and ask again", up to the patience; and if it still fails, the upload is
     * not aborted: the object may be there.
     */
    private ApiClient.Completed withPatience(MultipartUpload upload, List<ApiClient.CompletedPart> parts, String checksum)
            throws InterruptedException {
        String key = upload.key();
        String uploadId = upload.uploadId();
        Instant giveUp = clock.instant().plus(patience);
        boolean ambiguous = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return api.completeOnce(key, uploadId, parts, checksum);
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
}
