package dev.uploadgate.functions.service;

import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.ContentDispositions;
import dev.uploadgate.functions.rules.FileNames;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.ObjectSizes;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.PartSizing;
import dev.uploadgate.functions.rules.UploadChecksum;
import dev.uploadgate.functions.rules.UploadDescriptor;
import dev.uploadgate.functions.rules.UserMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The checks every new object passes, however it is uploaded: content type allowed, declared size
 * within the limit, metadata safe; then the server picks its key and how the object is served.
 */
public final class NewObjects {
    private final ObjectKeys keys;
    private final UploadSettings settings;

    public NewObjects(ObjectKeys keys, UploadSettings settings) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Where every key of the owner starts. */
    public String ownerPrefix(Owner owner) {
        return keys.ownerPrefix(owner);
    }

    /** A single-request upload (POST form or PUT): its key has no upload descriptor. */
    public NewObject check(Owner owner, NewObjectRequest request) {
        return checked(owner, request, size -> UploadDescriptor.NONE);
    }

    /**
     * A multipart upload: what it is created for (size, part size, checksum) is checked and written
     * into its key, where every later call on it reads it back.
     */
    public NewObject checkMultipart(Owner owner, NewObjectRequest request) {
        if (request.size().isEmpty() && settings.requireUploadSize()) {
            throw ApiException.invalidField("size", null, "is required: this deployment refuses uploads of undeclared size (RequireUploadSize)");
        }
        if (request.partSize().isPresent() && request.size().isEmpty()) {
            throw ApiException.invalidField("partSize", request.partSize().getAsLong(), "needs size: a part size applies to a declared size");
        }
        Optional<UploadChecksum> checksum = uploadChecksum(request);
        return checked(owner, request, size -> {
            if (size.isEmpty()) {
                return UploadDescriptor.unsized(checksum);
            }
            long partSize = request.partSize().isPresent()
                    ? PartSizing.requirePartSize("partSize", request.partSize().getAsLong(), size.getAsLong())
                    : PartSizing.partSizeFor(size.getAsLong());
            return UploadDescriptor.sized(size.getAsLong(), partSize, checksum);
        });
    }

    private static Optional<UploadChecksum> uploadChecksum(NewObjectRequest request) {
        if (request.checksumAlgorithm() == null) {
            if (request.checksumType() != null) {
                throw ApiException.invalidField("checksumType", request.checksumType(), "needs checksumAlgorithm");
            }
            return Optional.empty();
        }
        return Optional.of(UploadChecksum.of(ChecksumAlgorithm.parse("checksumAlgorithm", request.checksumAlgorithm()),
                request.checksumType()));
    }

    /**
     * The checks every new object passes, in one order (type, size, then what the descriptor checks
     * of the size), then the key with the descriptor the checked size makes.
     */
    private NewObject checked(Owner owner, NewObjectRequest request, Function<OptionalLong, UploadDescriptor> descriptorFor) {
        String contentType = settings.contentTypes().require("type", request.type());
        OptionalLong size = request.size().isPresent()
                ? OptionalLong.of(ObjectSizes.requireWithinLimit("size", request.size().getAsLong(), settings.maxObjectSize()))
                : OptionalLong.empty();
        UploadDescriptor descriptor = descriptorFor.apply(size);
        Map<String, String> metadata = UserMetadata.sanitize(request.metadata());
        String fileName = FileNames.sanitize("filename", request.filename());
        return new NewObject(keys.newKey(owner, fileName, descriptor), contentType, size, metadata,
                ContentDispositions.forUpload(contentType, fileName), descriptor);
    }

    /**
     * A new object that passed every check, with the key chosen for it.
     *
     * @param contentDisposition stored with the object: attachment unless its type is safe inline
     * @param descriptor         what a multipart upload is created for ({@link UploadDescriptor#NONE} otherwise)
     */
    public record NewObject(String key, String contentType, OptionalLong size, Map<String, String> metadata,
                            String contentDisposition, UploadDescriptor descriptor) {
    }
}
