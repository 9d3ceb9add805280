package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.rules.CompletionRules;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadIds;
import dev.uploadgate.functions.rules.UploadedPart;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles an upload. The parts list is checked against what S3 holds before S3 is asked to
 * complete, so every server (S3 or not) gives the same answers, and an upload whose parts exceed
 * the maximum object size is aborted rather than assembled. Completing twice is safe: when the
 * upload is gone but its object is the one these parts make, the same answer is given again.
 */
public final class CompleteUpload {
    private final S3Uploads uploads;
    private final ObjectKeys keys;
    private final long maxObjectSize;

    public CompleteUpload(S3Uploads uploads, ObjectKeys keys, long maxObjectSize) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.maxObjectSize = maxObjectSize;
    }

    public CompleteUploadResponse complete(Owner owner, String key, String uploadId, List<CompletedPart> parts) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        CompletionRules.requireValidList(parts);
        Map<Integer, UploadedPart> uploaded;
        try {
            uploaded = uploads.listParts(key, uploadId).stream()
                    .collect(Collectors.toMap(UploadedPart::partNumber, Function.identity(), (a, b) -> b));
        } catch (ApiException e) {
            return alreadyCompleted(key, parts, e);
        }
        try {
            CompletionRules.requireMatchesUploaded(parts, uploaded, maxObjectSize);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.ENTITY_TOO_LARGE) {
                // Nothing can make this upload acceptable; free its storage now, not at the lifecycle rule.
                uploads.abortMultipartUpload(key, uploadId);
            }
            throw e;
        }
        return completeAndAnswer(key, uploadId, parts);
    }

    private CompleteUploadResponse completeAndAnswer(String key, String uploadId, List<CompletedPart> parts) {
        try {
            uploads.completeMultipartUpload(key, uploadId, parts);
        } catch (ApiException e) {
            // A concurrent or earlier complete of the same upload may have won.
            return alreadyCompleted(key, parts, e);
        }
        // The object's own size and ETag, read back: the answer a repeated complete gives too.
        StoredObject stored = uploads.headObject(key).orElseThrow(() -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                "the object of key " + ApiException.quote(key) + " was completed but cannot be read yet; retry"));
        return response(key, stored.etag(), stored.size());
    }

    /**
     * The answer a successful complete gave, when the object at the key is the one these parts
     * assemble (same multipart ETag); otherwise the failure that led here.
     */
    private CompleteUploadResponse alreadyCompleted(String key, List<CompletedPart> parts, ApiException failure) {
        if (failure.code() != ErrorCode.NO_SUCH_UPLOAD) {
            throw failure;
        }
        Optional<String> expectedEtag = ETags.multipartETag(parts);
        Optional<StoredObject> stored = expectedEtag.isPresent() ? uploads.headObject(key) : Optional.empty();
        if (stored.isPresent() && stored.get().etag().equalsIgnoreCase(expectedEtag.get())) {
            return response(key, stored.get().etag(), stored.get().size());
        }
        throw failure;
    }

    private CompleteUploadResponse response(String key, String etag, long size) {
        return new CompleteUploadResponse(uploads.objectUrl(key), key, uploads.bucket(), ETags.quoted(etag), size);
    }

    /** A key of the owner's with a fixed id, for priming (see {@link ObjectKeys#exampleKey}). */
    public String exampleKey(Owner owner) {
        return keys.exampleKey(owner);
    }
}
