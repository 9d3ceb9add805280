package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The server decides every key: {@code <prefix><owner>/<random id><descriptor>/<file name>}, where
 * the descriptor (see {@link UploadDescriptor}) records what a multipart upload was created for. A
 * key a caller sends back is accepted only if it has exactly that shape under the caller's own
 * prefix; anything else is not the caller's, whether or not such an object exists.
 */
public final class ObjectKeys {
    /** S3's limit on a key, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final int ID_LENGTH = 36;

    private final String keyPrefix;
    private final Supplier<UUID> ids;

    public ObjectKeys(String keyPrefix) {
        this(keyPrefix, UUID::randomUUID);
    }

    /** Keys whose ids come from the given supplier instead of random ones (tests, and priming's fixed id). */
    public ObjectKeys(String keyPrefix, Supplier<UUID> ids) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** A fresh key for a file of the caller's, under a random id so names never collide. */
    public String newKey(Owner owner, String fileName) {
        return newKey(owner, fileName, UploadDescriptor.NONE);
    }

    /** A fresh key for a multipart upload, with what it was created for written after the id. */
    public String newKey(Owner owner, String fileName, UploadDescriptor descriptor) {
        return ownerPrefix(owner) + ids.get() + descriptor.encode() + "/" + FileNames.sanitize("filename", fileName);
    }

    /** What the upload of a key (already checked with {@link #requireOwnedBy}) was created for. */
    public UploadDescriptor descriptorOf(String key) {
        String rest = key.substring(key.lastIndexOf('/', key.lastIndexOf('/') - 1) + 1, key.lastIndexOf('/'));
        return UploadDescriptor.decode(rest.substring(ID_LENGTH)).orElse(UploadDescriptor.NONE);
    }

    /** The file name a key ends with. */
    public static String fileNameOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Where every key of this owner starts. */
    public String ownerPrefix(Owner owner) {
        return keyPrefix + owner.value() + "/";
    }

    /**
     * Checks that a key a caller sent is one of theirs.
     *
     * @throws ApiException 400 when the key is missing, 403 when it is not the caller's
     */
    public String requireOwnedBy(Owner owner, String key) {
        if (key == null || key.isEmpty()) {
            throw ApiException.invalidField("key", key, "is required: the key returned when the upload was created");
        }
        String prefix = ownerPrefix(owner);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES || !key.startsWith(prefix) || !hasOwnShape(key.substring(prefix.length()))) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "key " + ApiException.quote(key) + " does not belong to the caller");
        }
        return key;
    }

    private static boolean hasOwnShape(String rest) {
        int slash = rest.indexOf('/');
        if (slash < ID_LENGTH || !ID.matcher(rest.substring(0, ID_LENGTH)).matches()
                || UploadDescriptor.decode(rest.substring(ID_LENGTH, slash)).isEmpty()) {
            return false;
        }
        return FileNames.isSanitized(rest.substring(slash + 1));
    }
}
