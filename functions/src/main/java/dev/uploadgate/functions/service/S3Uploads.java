package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.ChecksumType;
import dev.uploadgate.functions.rules.ChecksumValue;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.rules.ContentDispositions;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.PartChecksum;
import dev.uploadgate.functions.rules.UploadChecksum;
import dev.uploadgate.functions.rules.UploadedPart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The only code that calls S3. Each call is one small method that names the bucket and key, and
 * every SDK failure leaves as an {@link dev.uploadgate.functions.error.ApiException} with context.
 */
public final class S3Uploads {
    /**
     * CompleteMultipartUpload assembles the object and can take tens of seconds for a large one.
     * With a quick ListParts before it and a HeadObject after (8 s each at most), the function
     * stays inside its 60 s timeout: 8 + 40 + 8.
     */
    public static final Duration ASSEMBLY_TIMEOUT = Duration.ofSeconds(40);

    private final S3Client s3;
    private final String bucket;
    private final Optional<String> kmsKeyArn;

    /** @param kmsKeyArn the key new objects are encrypted with (SSE-KMS), or empty for the bucket's default */
    public S3Uploads(S3Client s3, String bucket, Optional<String> kmsKeyArn) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.kmsKeyArn = Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Starts a multipart upload and returns its upload id: the object's type, metadata, disposition
     * and cache policy are the server's, set here once, as are its checksum and encryption.
     */
    public String createMultipartUpload(NewObjects.NewObject object) {
        String key = object.key();
        Optional<UploadChecksum> checksum = object.descriptor().checksum();
        try {
            return s3.createMultipartUpload(b -> {
                b.bucket(bucket).key(key).contentType(object.contentType()).metadata(object.metadata())
                        .contentDisposition(object.contentDisposition()).cacheControl(ContentDispositions.CACHE_CONTROL);
                checksum.ifPresent(c -> b.checksumAlgorithm(c.algorithm().name()).checksumType(c.type().name()));
                kmsKeyArn.ifPresent(arn -> b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn).bucketKeyEnabled(true));
            }).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(e, "CreateMultipartUpload", key);
        }
    }

    /** Every part of an upload, across all pages of ListParts; NoSuchUpload when it is not open. */
    public List<UploadedPart> listParts(String key, String uploadId) {
        return listPartsIfOpen(key, uploadId).orElseThrow(() -> new ApiException(ErrorCode.NO_SUCH_UPLOAD,
                "upload of key " + ApiException.quote(key) + " does not exist (it was completed, aborted or never created)"));
    }

    /** Every part of an upload, or empty when the upload is not open (completed, aborted or never created). */
    public Optional<List<UploadedPart>> listPartsIfOpen(String key, String uploadId) {
        List<UploadedPart> parts = new ArrayList<>();
        try {
            Integer marker = null;
            ListPartsResponse page;
            do {
                Integer after = marker;
                page = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumberMarker(after));
                for (Part part : page.parts()) {
                    parts.add(new UploadedPart(part.partNumber(), part.size(), ETags.unquoted(part.eTag()), partChecksum(part)));
                }
                marker = page.nextPartNumberMarker();
            } while (Boolean.TRUE.equals(page.isTruncated()) && marker != null);
        } catch (S3Exception e) {
            if (isNoSuchUpload(e)) {
                return Optional.empty();
            }
            throw S3Errors.translate(e, "ListParts", key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "ListParts", key);
        }
        // S3 answers NoSuchUpload itself; some compatible servers (S3Proxy) list an unknown or
        // aborted upload as empty, so an empty list is confirmed against the open uploads.
        return parts.isEmpty() && !isOpen(key, uploadId) ? Optional.empty() : Optional.of(parts);
    }

    private static boolean isNoSuchUpload(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchUpload".equals(e.awsErrorDetails().errorCode());
    }

    /**
     * How many multipart uploads are open under a prefix, counted up to {@code limit} (a bounded
     * listing: it stops at the first page that reaches it).
     */
    public int countOpenUploads(String prefix, int limit) {
        int open = 0;
        try {
            String keyMarker = null;
            String uploadIdMarker = null;
            ListMultipartUploadsResponse page;
            do {
                String key = keyMarker;
                String id = uploadIdMarker;
                page = s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix).maxUploads(Math.min(1000, limit))
                        .keyMarker(key).uploadIdMarker(id));
                open += page.uploads().size();
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            } while (open < limit && Boolean.TRUE.equals(page.isTruncated()) && keyMarker != null);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "ListMultipartUploads", prefix);
        }
        return open;
    }

    /** Whether the upload is still open, from ListMultipartUploads under its own key. */
    private boolean isOpen(String key, String uploadId) {
        try {
            return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                    .anyMatch(upload -> key.equals(upload.key()) && uploadId.equals(upload.uploadId()));
        } catch (SdkException e) {
            throw S3Errors.translate(e, "ListMultipartUploads", key);
        }
    }

    /**
     * Assembles the object from the listed parts, with their checksums and, for a FULL_OBJECT
     * upload, the whole object's, which S3 checks before it assembles anything.
     */
    /** @return false when the upload is not open (completed, aborted or never created) */
    public boolean completeMultipartUploadIfOpen(String key, String uploadId, List<CompletedPart> parts,
                                                 Optional<UploadChecksum> checksum, Optional<String> objectChecksum) {
        List<software.amazon.awssdk.services.s3.model.CompletedPart> s3Parts = parts.stream()
                .map(S3Uploads::s3Part)
                .toList();
        try {
            s3.completeMultipartUpload(b -> {
                b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(s3Parts).build())
                        .overrideConfiguration(o -> o.apiCallTimeout(ASSEMBLY_TIMEOUT).apiCallAttemptTimeout(ASSEMBLY_TIMEOUT));
                checksum.ifPresent(c -> b.checksumType(c.type().name()));
                objectChecksum.ifPresent(value -> {
                    switch (checksum.orElseThrow().algorithm()) {
                        case CRC32 -> b.checksumCRC32(value);
                        case CRC32C -> b.checksumCRC32C(value);
                        case CRC64NVME -> b.checksumCRC64NVME(value);
                        case SHA1 -> b.checksumSHA1(value);
                        case SHA256 -> b.checksumSHA256(value);
                    }
                });
            });
            return true;
        } catch (S3Exception e) {
            if (isNoSuchUpload(e)) {
                return false;
            }
            throw S3Errors.translate(e, "CompleteMultipartUpload", key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "CompleteMultipartUpload", key);
        }
    }

    private static software.amazon.awssdk.services.s3.model.CompletedPart s3Part(CompletedPart part) {
        software.amazon.awssdk.services.s3.model.CompletedPart.Builder b = software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                .partNumber(part.partNumber()).eTag(ETags.quoted(part.etag()));
        part.checksum().ifPresent(c -> {
            switch (c.algorithm()) {
                case CRC32 -> b.checksumCRC32(c.value());
                case CRC32C -> b.checksumCRC32C(c.value());
                case CRC64NVME -> b.checksumCRC64NVME(c.value());
                case SHA1 -> b.checksumSHA1(c.value());
                case SHA256 -> b.checksumSHA256(c.value());
            }
        });
        return b.build();
    }

    public void abortMultipartUpload(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            throw S3Errors.translate(e, "AbortMultipartUpload", key);
        }
    }

    /** Removes an object this service just produced and must not keep (a complete whose checksum failed). */
    public void deleteObject(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw S3Errors.translate(e, "DeleteObject", key);
        }
    }

    /** The object at a key, with its stored checksum, or empty when there is none. */
    public Optional<StoredObject> headObject(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            return Optional.of(new StoredObject(head.contentLength(), ETags.unquoted(head.eTag()),
                    head.contentType() == null ? "application/octet-stream" : head.contentType(), storedChecksum(head)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.translate(e, "HeadObject", key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "HeadObject", key);
        }
    }

    /** Where HeadObject reports each algorithm's value, the full-object CRCs first (S3 reports one). */
    private static final Map<ChecksumAlgorithm, Function<HeadObjectResponse, String>> STORED_CHECKSUMS = members(
            HeadObjectResponse::checksumCRC32, HeadObjectResponse::checksumCRC32C, HeadObjectResponse::checksumCRC64NVME,
            HeadObjectResponse::checksumSHA1, HeadObjectResponse::checksumSHA256);

    /** Where ListParts reports each algorithm's value of a part. */
    private static final Map<ChecksumAlgorithm, Function<Part, String>> PART_CHECKSUMS = members(
            Part::checksumCRC32, Part::checksumCRC32C, Part::checksumCRC64NVME, Part::checksumSHA1, Part::checksumSHA256);

    private static <T> Map<ChecksumAlgorithm, Function<T, String>> members(Function<T, String> crc32, Function<T, String> crc32c,
            Function<T, String> crc64nvme, Function<T, String> sha1, Function<T, String> sha256) {
        Map<ChecksumAlgorithm, Function<T, String>> members = new EnumMap<>(ChecksumAlgorithm.class);
        members.put(ChecksumAlgorithm.CRC32, crc32);
        members.put(ChecksumAlgorithm.CRC32C, crc32c);
        members.put(ChecksumAlgorithm.CRC64NVME, crc64nvme);
        members.put(ChecksumAlgorithm.SHA1, sha1);
        members.put(ChecksumAlgorithm.SHA256, sha256);
        return members;
    }

    /** A listed part's checksum, when S3 keeps one for its upload's algorithm. */
    private static Optional<PartChecksum> partChecksum(Part part) {
        return PART_CHECKSUMS.entrySet().stream()
                .filter(member -> member.getValue().apply(part) != null)
                .map(member -> new PartChecksum(member.getKey(), member.getValue().apply(part)))
                .findFirst();
    }

    /** The checksum S3 keeps for an object, if it keeps one. */
    private static Optional<ChecksumValue> storedChecksum(HeadObjectResponse head) {
        for (Map.Entry<ChecksumAlgorithm, Function<HeadObjectResponse, String>> member : STORED_CHECKSUMS.entrySet()) {
            String value = member.getValue().apply(head);
            if (value != null) {
                // A composite value is written "<base64>-<parts>"; servers that omit the type say it that way.
                ChecksumType type = head.checksumType() == software.amazon.awssdk.services.s3.model.ChecksumType.COMPOSITE || value.contains("-")
                        ? ChecksumType.COMPOSITE : ChecksumType.FULL_OBJECT;
                return Optional.of(new ChecksumValue(member.getKey(), type, value));
            }
        }
        return Optional.empty();
    }

    /** The object's URL; computed locally, no call to S3. */
    public String objectUrl(String key) {
        return s3.utilities().getUrl(b -> b.bucket(bucket).key(key)).toExternalForm();
    }
}
