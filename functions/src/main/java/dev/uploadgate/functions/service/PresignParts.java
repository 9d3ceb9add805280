package dev.uploadgate.functions.service;

import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.UploadIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Presigns UploadPart URLs for the caller's own uploads. No call reaches S3: an upload that does
 * not exist is refused by S3 when the URL is used.
 */
public final class PresignParts {
    private final UrlSigner signer;
    private final ObjectKeys keys;

    public PresignParts(UrlSigner signer, ObjectKeys keys) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public PartUrlResponse presignOne(Owner owner, String key, String uploadId, int partNumber,
                                      OptionalLong contentLength, Optional<String> contentMd5) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        SignedRequest signed = signer.uploadPart(key, uploadId, partNumber, contentLength, contentMd5);
        return new PartUrlResponse(signed.url(), signed.expires(), signed.headers().isEmpty() ? null : signed.headers());
    }

    public BatchPartUrlsResponse presignBatch(Owner owner, String key, String uploadId, List<Integer> partNumbers) {
        keys.requireOwnedBy(owner, key);
        UploadIds.require(uploadId);
        List<SignedRequest> signed = signer.uploadParts(key, uploadId, partNumbers);
        Map<String, String> urls = new LinkedHashMap<>();
        long expires = Long.MAX_VALUE;
        for (int i = 0; i < partNumbers.size(); i++) {
            urls.put(Integer.toString(partNumbers.get(i)), signed.get(i).url());
            expires = Math.min(expires, signed.get(i).expires());
        }
        return new BatchPartUrlsResponse(urls, expires);
    }

    /** A key of the owner's with a fixed id, for priming (see {@link ObjectKeys#exampleKey}). */
    public String exampleKey(Owner owner) {
        return keys.exampleKey(owner);
    }
}
