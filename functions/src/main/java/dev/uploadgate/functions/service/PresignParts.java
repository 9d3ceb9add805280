package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.ChecksumType;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.PartSizing;
import dev.uploadgate.functions.rules.UploadChecksum;
import dev.uploadgate.functions.rules.UploadDescriptor;
import dev.uploadgate.functions.rules.UploadIds;
import dev.uploadgate.functions.rules.UploadedPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Presigns UploadPart URLs for the caller's own uploads. For an upload created with its size, each
 * URL binds the exact length of its part, read from the upload's key (no call to S3): no part can
 * be larger, and no part number beyond the last exists. An upload of undeclared size (Uppy's) is
 * metered instead: one ListParts per call, and no new URL once its stored parts reach the maximum
 * object size. An upload id that does not belong to the key is refused by S3 when the URL is used.
 */
public final class PresignParts {
    private final PartSigner signer;
    private final ObjectKeys keys;
    private final Supplier<S3Uploads> uploads;
    private final long maxObjectSize;

    /** @param uploads S3, asked only to meter uploads of undeclared size */
    public PresignParts(PartSigner signer, ObjectKeys keys, Supplier<S3Uploads> uploads, long maxObjectSize) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.maxObjectSize = maxObjectSize;
    }

    /**
     * One part URL.
     *
     * @param contentLength a length the caller wants bound (an upload of undeclared size), or must match (a sized one)
     * @param contentMd5    a Content-MD5 to bind
     * @param checksum      the part's checksum in the upload's algorithm, to bind
     */
    public PartUrlResponse presignOne(Owner owner, String key, String uploadId, int partNumber,
                                      OptionalLong contentLength, Optional<String> contentMd5, Optional<String> checksum) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        UploadDescriptor descriptor = keys.descriptorOf(key);
        Map<String, String> headers = bindings(descriptor, "partNumber", partNumber, contentLength, "query parameter checksum", checksum);
        contentMd5.ifPresent(md5 -> headers.put("content-md5", md5));
        requireRoom(descriptor, key, uploadId);
        SignedRequest signed = signer.uploadPart(key, uploadId, partNumber, headers);
        return new PartUrlResponse(signed.url(), signed.expires(), signed.headers().isEmpty() ? null : new TreeMap<>(signed.headers()));
    }

    /**
     * Up to 100 part URLs.
     *
     * @param checksums the parts' checksums in the order of the part numbers, when the caller binds them
     */
    public BatchPartUrlsResponse presignBatch(Owner owner, String key, String uploadId, List<Integer> partNumbers,
                                              Optional<List<String>> checksums) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        if (checksums.isPresent() && checksums.get().size() != partNumbers.size()) {
            throw ApiException.invalidField("query parameter checksums", String.join(",", checksums.get()),
                    "must list one checksum for each of the " + partNumbers.size() + " part numbers, in their order");
        }
        UploadDescriptor descriptor = keys.descriptorOf(key);
        List<Map<String, String>> headers = new ArrayList<>(partNumbers.size());
        for (int i = 0; i < partNumbers.size(); i++) {
            int index = i;
            Optional<String> checksum = checksums.map(values -> values.get(index));
            headers.add(bindings(descriptor, "partNumbers[" + i + "]", partNumbers.get(i), OptionalLong.empty(),
                    "query parameter checksums[" + i + "]", checksum));
        }
        requireRoom(descriptor, key, uploadId);
        List<SignedRequest> signed = signer.uploadParts(key, uploadId, partNumbers, headers);
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Map<String, String>> signedHeaders = new LinkedHashMap<>();
        long expires = Long.MAX_VALUE;
        for (int i = 0; i < partNumbers.size(); i++) {
            String partNumber = Integer.toString(partNumbers.get(i));
            urls.put(partNumber, signed.get(i).url());
            if (!signed.get(i).headers().isEmpty()) {
                signedHeaders.put(partNumber, new TreeMap<>(signed.get(i).headers()));
            }
            expires = Math.min(expires, signed.get(i).expires());
        }
        return new BatchPartUrlsResponse(urls, expires, signedHeaders.isEmpty() ? null : signedHeaders);
    }

    /** The headers one part's URL binds: its exact length when the upload is sized, its checksum when given. */
    private static Map<String, String> bindings(UploadDescriptor descriptor, String partField, int partNumber,
                                                OptionalLong contentLength, String checksumField, Optional<String> checksum) {
        Map<String, String> headers = new TreeMap<>();
        if (descriptor.size().isPresent()) {
            long length = descriptor.requirePartLength(partField, partNumber);
            if (contentLength.isPresent() && contentLength.getAsLong() != length) {
                throw ApiException.invalidField("query parameter contentLength", contentLength.getAsLong(),
                        "must be " + length + ", the length of part " + partNumber + " of this upload");
            }
            headers.put("content-length", Long.toString(length));
        } else {
            contentLength.ifPresent(length -> headers.put("content-length", Long.toString(length)));
        }
        Optional<UploadChecksum> uploadChecksum = descriptor.checksum();
        if (checksum.isPresent()) {
            UploadChecksum algorithm = uploadChecksum.orElseThrow(() -> ApiException.invalidField(checksumField, checksum.get(),
                    "cannot be bound: the upload was created without checksumAlgorithm"));
            headers.put(algorithm.algorithm().headerName(), algorithm.algorithm().requireValue(checksumField, checksum.get()));
        } else if (uploadChecksum.isPresent() && uploadChecksum.get().type() == ChecksumType.COMPOSITE) {
            throw ApiException.invalidField(checksumField, null, "is required: this upload keeps a COMPOSITE "
                    + uploadChecksum.get().algorithm() + " checksum, which S3 builds from every part's own");
        }
        return headers;
    }

    /** An upload of undeclared size gets no new URL once its stored parts reach the maximum object size. */
    private void requireRoom(UploadDescriptor descriptor, String key, String uploadId) {
        if (descriptor.size().isPresent()) {
            return;
        }
        long stored = uploads.get().listParts(key, uploadId).stream().mapToLong(UploadedPart::size).sum();
        if (stored >= maxObjectSize) {
            throw new ApiException(ErrorCode.ENTITY_TOO_LARGE, "the parts of upload of key " + ApiException.quote(key)
                    + " already take " + stored + " bytes, the maximum object size is " + maxObjectSize + " bytes: no more parts can be signed");
        }
    }
}
