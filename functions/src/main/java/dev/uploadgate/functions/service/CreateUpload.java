package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadDescriptor;
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
        NewObjects.NewObject object = newObjects.checkMultipart(owner, request);
        String uploadId = uploads.createMultipartUpload(object);
        UploadDescriptor descriptor = object.descriptor();
        String algorithm = descriptor.checksum().map(c -> c.algorithm().name()).orElse(null);
        String type = descriptor.checksum().map(c -> c.type().name()).orElse(null);
        if (descriptor.size().isEmpty()) {
            return new CreateUploadResponse(object.key(), uploadId, null, null, algorithm, type);
        }
        return new CreateUploadResponse(object.key(), uploadId, descriptor.partSize(), descriptor.partCount(), algorithm, type);
    }
}
