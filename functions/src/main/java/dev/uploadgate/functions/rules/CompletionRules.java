package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a complete call must satisfy, checked before S3 is asked (some S3-compatible servers accept
 * what S3 refuses, so the API does not rely on the server for these).
 */
public final class CompletionRules {
    private CompletionRules() {
    }

    /** The list itself: non-empty, at most 10,000 parts, numbers strictly ascending. */
    public static void requireValidList(List<CompletedPart> parts) {
        if (parts.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PART, "parts must list at least one uploaded part");
        }
        if (parts.size() > PartNumbers.MAX) {
            throw new ApiException(ErrorCode.INVALID_PART_NUMBER,
                    "parts lists " + parts.size() + " parts; a multipart upload has at most " + PartNumbers.MAX);
        }
        int previous = 0;
        for (CompletedPart part : parts) {
            if (part.partNumber() == previous) {
                throw new ApiException(ErrorCode.INVALID_PART_ORDER, "parts lists PartNumber " + part.partNumber() + " twice");
            }
            if (part.partNumber() < previous) {
                throw new ApiException(ErrorCode.INVALID_PART_ORDER, "parts must be in ascending PartNumber order: "
                        + part.partNumber() + " comes after " + previous);
            }
            previous = part.partNumber();
        }
    }

    /**
     * The checksums a complete lists, against what the upload was created with: none without a
     * checksum; each in the upload's algorithm; every part's for a COMPOSITE upload (S3 builds the
     * object's from them); a whole-object value only for FULL_OBJECT.
     */
    public static void requireChecksums(List<CompletedPart> parts, Optional<String> objectChecksum, Optional<UploadChecksum> uploadChecksum) {
        if (uploadChecksum.isEmpty()) {
            for (CompletedPart part : parts) {
                part.checksum().ifPresent(c -> {
                    throw ApiException.invalidField("parts[PartNumber " + part.partNumber() + "]." + c.algorithm().memberName(), c.value(),
                            "cannot be checked: the upload was created without checksumAlgorithm");
                });
            }
            objectChecksum.ifPresent(value -> {
                throw ApiException.invalidField("checksum", value, "cannot be checked: the upload was created without checksumAlgorithm");
            });
            return;
        }
        ChecksumAlgorithm algorithm = uploadChecksum.get().algorithm();
        boolean composite = uploadChecksum.get().type() == ChecksumType.COMPOSITE;
        for (CompletedPart part : parts) {
            String field = "parts[PartNumber " + part.partNumber() + "]";
            if (part.checksum().isPresent() && part.checksum().get().algorithm() != algorithm) {
                throw ApiException.invalidField(field + "." + part.checksum().get().algorithm().memberName(), part.checksum().get().value(),
                        "is not in the upload's algorithm: list " + algorithm.memberName());
            }
            if (composite && part.checksum().isEmpty()) {
                throw new ApiException(ErrorCode.INVALID_PART, field + "." + algorithm.memberName()
                        + " is required: the upload keeps a COMPOSITE checksum, built from every part's");
            }
        }
        if (objectChecksum.isPresent()) {
            if (composite) {
                throw ApiException.invalidField("checksum", objectChecksum.get(), "is only for FULL_OBJECT uploads; this one is COMPOSITE");
            }
            algorithm.requireValue("checksum", objectChecksum.get());
        }
    }

    /** An upload created with its size must assemble exactly that many bytes. */
    public static void requireDeclaredSize(long assembledSize, UploadDescriptor descriptor) {
        if (descriptor.size().isPresent() && descriptor.size().getAsLong() != assembledSize) {
            throw new ApiException(ErrorCode.INVALID_PART, "the parts add up to " + assembledSize
                    + " bytes, but the upload was created for size " + descriptor.size().getAsLong() + "; list every part");
        }
    }

    /**
     * The list against what the server holds: every part uploaded with that ETag, and every part
     * but the last at least 5 MiB.
     *
     * @param uploaded the uploaded parts by part number
     * @return the size of the object the parts assemble
     */
    public static long requireMatchesUploaded(List<CompletedPart> parts, Map<Integer, UploadedPart> uploaded) {
        long size = 0;
        for (int i = 0; i < parts.size(); i++) {
            CompletedPart part = parts.get(i);
            UploadedPart held = uploaded.get(part.partNumber());
            if (held == null) {
                throw new ApiException(ErrorCode.INVALID_PART, "part " + part.partNumber() + " was not uploaded");
            }
            if (!held.etag().equalsIgnoreCase(part.etag())) {
                throw new ApiException(ErrorCode.INVALID_PART, "part " + part.partNumber() + " has ETag "
                        + ApiException.quote(held.etag()) + ", not " + ApiException.quote(part.etag()));
            }
            if (i < parts.size() - 1 && held.size() < PartSizing.MIN_PART_SIZE) {
                throw new ApiException(ErrorCode.ENTITY_TOO_SMALL, "part " + part.partNumber() + " is " + held.size()
                        + " bytes; every part but the last must be at least " + PartSizing.MIN_PART_SIZE + " bytes");
            }
            size += held.size();
        }
        return size;
    }

    /** Whether an assembled size is within the configured maximum. */
    public static boolean withinLimit(long assembledSize, long maxObjectSize) {
        return assembledSize <= maxObjectSize;
    }

    public static ApiException tooLarge(long assembledSize, long maxObjectSize) {
        return new ApiException(ErrorCode.ENTITY_TOO_LARGE,
                "the parts add up to " + assembledSize + " bytes, above the maximum object size of " + maxObjectSize + " bytes");
    }
}
