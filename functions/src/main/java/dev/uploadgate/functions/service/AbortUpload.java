package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadIds;
import java.util.Objects;

/** Aborts one of the caller's uploads, freeing the storage of its parts. */
public final class AbortUpload {
    private final S3Uploads uploads;
    private final ObjectKeys keys;

    public AbortUpload(S3Uploads uploads, ObjectKeys keys) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public void abort(Owner owner, String key, String uploadId) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        uploads.abortMultipartUpload(key, uploadId);
    }
}
