package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.PartSizing;
import java.util.Objects;

/** Starts a multipart upload under a key the server chooses. Every check runs before S3 is called. */
public final class CreateUpload {
    private final S3Uploads uploads;
    private final NewObjects newObjects;

    public CreateUpload(S3Uploads uploads, NewObjects newObjects) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.newObjects = Objects.requireNonNull(newObjects, "newObjects");
    }

    public CreateUploadResponse create(Owner owner, NewObjectRequest request) {
        NewObjects.NewObject object = newObjects.check(owner, request);
        String uploadId = uploads.createMultipartUpload(object.key(), object.contentType(), object.metadata());
        if (object.size().isEmpty()) {
            return new CreateUploadResponse(object.key(), uploadId, null, null);
        }
        long size = object.size().getAsLong();
        long partSize = PartSizing.partSizeFor(size);
        return new CreateUploadResponse(object.key(), uploadId, partSize, PartSizing.partCountFor(size, partSize));
    }
}
