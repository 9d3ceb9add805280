package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadDescriptor;
import java.util.Objects;

/**
 * Starts a multipart upload under a key the server chooses. Every check runs before S3 is asked to
 * create anything, the last one being the owner's quota of open uploads (one bounded listing under
 * the owner's prefix; concurrent creates can pass it together, so it is a cap on abuse, not an
 * exact count).
 */
public final class CreateUpload {
    private final S3Uploads uploads;
    private final NewObjects newObjects;
    private final int maxOpenUploadsPerOwner;

    public CreateUpload(S3Uploads uploads, NewObjects newObjects, int maxOpenUploadsPerOwner) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.newObjects = Objects.requireNonNull(newObjects, "newObjects");
        this.maxOpenUploadsPerOwner = maxOpenUploadsPerOwner;
    }

    public CreateUploadResponse create(Owner owner, NewObjectRequest request) {
        NewObjects.NewObject object = newObjects.checkMultipart(owner, request);
        String prefix = newObjects.ownerPrefix(owner);
        if (uploads.countOpenUploads(prefix, maxOpenUploadsPerOwner) >= maxOpenUploadsPerOwner) {
            throw new ApiException(ErrorCode.TOO_MANY_UPLOADS, "owner " + ApiException.quote(owner.value()) + " already has "
                    + maxOpenUploadsPerOwner + " open uploads, the most allowed; complete or abort some first");
        }
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
