package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadIds;
import java.util.List;
import java.util.Objects;

/** Lists every part of one of the caller's uploads, so a client can resume it. */
public final class ListUploadParts {
    private final S3Uploads uploads;
    private final ObjectKeys keys;

    public ListUploadParts(S3Uploads uploads, ObjectKeys keys) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public List<PartResponse> list(Owner owner, String key, String uploadId) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        return uploads.listParts(key, uploadId).stream()
                .map(PartResponse::of)
                .toList();
    }
}
