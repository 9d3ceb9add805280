package dev.uploadgate.client;

/**
 * What becomes of a multipart upload that failed: kept for a resume, aborted, or (when the abort
 * fails too) left behind; the failure's message then says which, and what to run next.
 */
final class Leftovers {
    private final ApiClient api;

    Leftovers(ApiClient api) {
        this.api = api;
    }

    /** The failure, with what became of the upload on the server. */
    TransferException after(TransferException failure, String key, String uploadId, UploadOptions options) {
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
}
