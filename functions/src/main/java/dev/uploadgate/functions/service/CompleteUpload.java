package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.ChecksumValue;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.rules.CompletionRules;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadDescriptor;
import dev.uploadgate.functions.rules.UploadIds;
import dev.uploadgate.functions.rules.UploadedPart;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles an upload. The parts list is checked against what S3 holds and against what the upload
 * was created for (its declared size and checksum) before S3 is asked to complete, so every server
 * (S3 or not) gives the same answers, and an upload whose parts exceed the maximum object size is
 * aborted rather than assembled. A whole-object checksum is checked by S3 and again against the
 * object it made, which is deleted if it differs. Completing twice is safe: every create draws a
 * new key, so when the upload is gone but an object of as many parts is at its key, that object
 * is this upload's, and the same answer is given again.
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

    /** @param objectChecksum the whole object's checksum (FULL_OBJECT uploads), when the client sends it */
    public CompleteUploadResponse complete(Owner owner, String key, String uploadId, List<CompletedPart> parts, Optional<String> objectChecksum) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        CompletionRules.requireValidList(parts);
        UploadDescriptor descriptor = keys.descriptorOf(key);
        CompletionRules.requireChecksums(parts, objectChecksum, descriptor.checksum());
        Optional<List<UploadedPart>> listed = uploads.listPartsIfOpen(key, uploadId);
        if (listed.isEmpty()) {
            return alreadyCompleted(key, parts, objectChecksum).orElseThrow(() -> noSuchUpload(key));
        }
        Map<Integer, UploadedPart> uploaded = listed.get().stream()
                .collect(Collectors.toMap(UploadedPart::partNumber, Function.identity(), (a, b) -> b));
        long size = CompletionRules.requireMatchesUploaded(parts, uploaded);
        if (!CompletionRules.withinLimit(size, maxObjectSize)) {
            // Nothing can make this upload acceptable; free its storage now, not at the lifecycle rule.
            uploads.abortMultipartUpload(key, uploadId);
            throw CompletionRules.tooLarge(size, maxObjectSize);
        }
        CompletionRules.requireDeclaredSize(size, descriptor);
        if (!uploads.completeMultipartUploadIfOpen(key, uploadId, parts, descriptor.checksum(), objectChecksum)) {
            // A concurrent or earlier complete of the same upload may have won.
            return alreadyCompleted(key, parts, objectChecksum).orElseThrow(() -> noSuchUpload(key));
        }
        // The object's own size, ETag and checksum, read back: the answer a repeated complete gives too.
        StoredObject stored = uploads.headObject(key).orElseThrow(() -> new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                "the object of key " + ApiException.quote(key) + " was completed but cannot be read yet; retry"));
        if (objectChecksum.isPresent() && !matches(stored.checksum(), objectChecksum.get())) {
            // S3 checks this itself; a server that does not would otherwise keep bytes the client did not send.
            uploads.deleteObject(key);
            throw new ApiException(ErrorCode.BAD_DIGEST, "checksum " + ApiException.quote(objectChecksum.get())
                    + " does not match the assembled object's " + stored.checksum().map(ChecksumValue::value).orElse("(none)")
                    + "; the object was deleted, upload the file again");
        }
        return response(key, stored);
    }

    /**
     * The answer a successful complete gave, when the object at the key is the one these parts
     * assemble: as many parts, and the same whole-object checksum when one is given.
     */
    private Optional<CompleteUploadResponse> alreadyCompleted(String key, List<CompletedPart> parts, Optional<String> objectChecksum) {
        return uploads.headObject(key)
                .filter(stored -> stored.etag().endsWith("-" + parts.size()))
                .filter(stored -> objectChecksum.isEmpty() || matches(stored.checksum(), objectChecksum.get()))
                .map(stored -> response(key, stored));
    }

    private static boolean matches(Optional<ChecksumValue> stored, String value) {
        return stored.isPresent() && stored.get().value().equals(value);
    }

    private static ApiException noSuchUpload(String key) {
        return new ApiException(ErrorCode.NO_SUCH_UPLOAD,
                "upload of key " + ApiException.quote(key) + " does not exist (it was completed, aborted or never created)");
    }

    private CompleteUploadResponse response(String key, StoredObject stored) {
        return new CompleteUploadResponse(uploads.objectUrl(key), key, uploads.bucket(), ETags.quoted(stored.etag()), stored.size(),
                stored.checksum().orElse(null));
    }
}
