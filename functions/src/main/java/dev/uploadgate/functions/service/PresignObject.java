package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.ContentDispositions;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.Owner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Signs single-request transfers: a POST form or a PUT for a small file (the server picks the key;
 * the content type, size, disposition, cache policy and encryption are bound into the signature),
 * and a GET to download an object of the caller's, as an attachment unless its type is safe inline.
 */
public final class PresignObject {
    private final UrlSigner signer;
    private final PostPolicySigner postSigner;
    private final NewObjects newObjects;
    private final ObjectKeys keys;
    private final Supplier<S3Uploads> uploads;
    private final long maxObjectSize;
    private final Optional<String> kmsKeyArn;

    /**
     * @param uploads   S3, asked only for the object a download names
     * @param kmsKeyArn the KMS key single uploads must be encrypted with, or empty for the bucket's default
     */
    public PresignObject(UrlSigner signer, PostPolicySigner postSigner, NewObjects newObjects, ObjectKeys keys,
                         Supplier<S3Uploads> uploads, long maxObjectSize, Optional<String> kmsKeyArn) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.postSigner = Objects.requireNonNull(postSigner, "postSigner");
        this.newObjects = Objects.requireNonNull(newObjects, "newObjects");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.maxObjectSize = maxObjectSize;
        this.kmsKeyArn = Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    }

    public PresignedPostResponse presignPost(Owner owner, NewObjectRequest request) {
        if (request.checksumAlgorithm() != null || request.checksum() != null) {
            throw ApiException.invalidField("query parameter checksumAlgorithm", request.checksumAlgorithm(),
                    "is only bound into a PUT: add method=PUT and size");
        }
        NewObjects.NewObject object = newObjects.check(owner, request);
        long maxSize = object.size().orElse(maxObjectSize);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Content-Disposition", object.contentDisposition());
        fields.put("Cache-Control", ContentDispositions.CACHE_CONTROL);
        encryptionHeaders().forEach(fields::put);
        PostForm form = postSigner.sign(object.key(), object.contentType(), maxSize, object.metadata(), fields);
        return new PresignedPostResponse("POST", form.url(), form.fields(), object.key(), form.expires());
    }

    public PresignedPutResponse presignPut(Owner owner, NewObjectRequest request) {
        if (request.size().isEmpty()) {
            throw ApiException.invalidField("query parameter size", null, "is required with method=PUT: the URL binds the exact length");
        }
        NewObjects.NewObject object = newObjects.check(owner, request);
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", object.contentType());
        headers.put("content-length", Long.toString(object.size().getAsLong()));
        headers.put("content-disposition", object.contentDisposition());
        headers.put("cache-control", ContentDispositions.CACHE_CONTROL);
        object.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        checksumHeader(request).ifPresent(header -> headers.put(header.getKey(), header.getValue()));
        headers.putAll(encryptionHeaders());
        SignedRequest signed = signer.putObject(object.key(), headers);
        return new PresignedPutResponse("PUT", signed.url(), new TreeMap<>(signed.headers()), object.key(), signed.expires());
    }

    /**
     * A download of one of the caller's objects, with what S3 holds for it. It is served as an
     * attachment; {@code inline} is granted only for types a browser shows without running anything.
     */
    public DownloadUrlResponse presignDownload(Owner owner, String key, boolean inline) {
        keys.requireOwnedBy(owner, key);
        StoredObject stored = uploads.get().headObject(key).orElseThrow(() ->
                new ApiException(ErrorCode.NOT_FOUND, "no object has key " + ApiException.quote(key) + " (was the upload completed?)"));
        String fileName = ObjectKeys.fileNameOf(key);
        Map<String, String> response = new TreeMap<>();
        if (inline) {
            if (!ContentDispositions.inlineSafe(stored.contentType())) {
                throw ApiException.invalidField("query parameter inline", "true", "is not allowed for content type "
                        + ApiException.quote(stored.contentType()) + ": only images, audio, video and PDF are shown inline");
            }
            response.put("response-content-disposition", ContentDispositions.inline(fileName));
            response.put("response-content-type", stored.contentType());
        } else {
            response.put("response-content-disposition", ContentDispositions.attachment(fileName));
        }
        SignedRequest signed = signer.getObject(key, response);
        return new DownloadUrlResponse(signed.url(), signed.expires(), stored.size(), stored.contentType(),
                ETags.quoted(stored.etag()), stored.checksum().orElse(null));
    }

    /** A single PUT's checksum: the algorithm and the value come together or not at all. */
    private static Optional<Map.Entry<String, String>> checksumHeader(NewObjectRequest request) {
        if (request.checksumAlgorithm() == null && request.checksum() == null) {
            return Optional.empty();
        }
        if (request.checksumAlgorithm() == null) {
            throw ApiException.invalidField("query parameter checksumAlgorithm", null, "is required with checksum");
        }
        if (request.checksum() == null) {
            throw ApiException.invalidField("query parameter checksum", null, "is required with checksumAlgorithm");
        }
        if (request.checksumType() != null) {
            throw ApiException.invalidField("query parameter checksumType", request.checksumType(), "is for multipart uploads only");
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse("query parameter checksumAlgorithm", request.checksumAlgorithm());
        return Optional.of(Map.entry(algorithm.headerName(), algorithm.requireValue("query parameter checksum", request.checksum())));
    }

    private Map<String, String> encryptionHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        kmsKeyArn.ifPresent(arn -> {
            headers.put("x-amz-server-side-encryption", "aws:kms");
            headers.put("x-amz-server-side-encryption-aws-kms-key-id", arn);
            headers.put("x-amz-server-side-encryption-bucket-key-enabled", "true");
        });
        return headers;
    }
}
