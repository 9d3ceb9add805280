package dev.uploadgate.functions.service;

import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.ObjectSizes;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UserMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The checks every new object passes, however it is uploaded: content type allowed, declared size
 * within the limit, metadata safe; then the server picks its key.
 */
public final class NewObjects {
    private final ObjectKeys keys;
    private final UploadSettings settings;

    public NewObjects(ObjectKeys keys, UploadSettings settings) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public NewObject check(Owner owner, NewObjectRequest request) {
        String contentType = settings.contentTypes().require("type", request.type());
        OptionalLong size = request.size().isPresent()
                ? OptionalLong.of(ObjectSizes.requireWithinLimit("size", request.size().getAsLong(), settings.maxObjectSize()))
                : OptionalLong.empty();
        Map<String, String> metadata = UserMetadata.sanitize(request.metadata());
        return new NewObject(keys.newKey(owner, request.filename()), contentType, size, metadata);
    }

    /** A new object that passed every check, with the key chosen for it. */
    public record NewObject(String key, String contentType, OptionalLong size, Map<String, String> metadata) {
    }
}
