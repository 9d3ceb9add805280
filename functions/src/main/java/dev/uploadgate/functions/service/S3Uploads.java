package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.UploadedPart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

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

    public S3Uploads(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    public String bucket() {
        return bucket;
    }

    /** Starts a multipart upload and returns its upload id. */
    public String createMultipartUpload(String key, String contentType, Map<String, String> metadata) {
        try {
            return s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata)).uploadId();
        } catch (SdkException e) {
            throw S3Errors.translate(e, "CreateMultipartUpload", key);
        }
    }

    /** Every part of an upload, across all pages of ListParts. */
    public List<UploadedPart> listParts(String key, String uploadId) {
        List<UploadedPart> parts = new ArrayList<>();
        try {
            Integer marker = null;
            ListPartsResponse page;
            do {
                Integer after = marker;
                page = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumberMarker(after));
                for (Part part : page.parts()) {
                    parts.add(new UploadedPart(part.partNumber(), part.size(), ETags.unquoted(part.eTag())));
                }
                marker = page.nextPartNumberMarker();
            } while (Boolean.TRUE.equals(page.isTruncated()) && marker != null);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "ListParts", key);
        }
        if (parts.isEmpty() && !isOpen(key, uploadId)) {
            // S3 answers NoSuchUpload itself; some compatible servers (S3Proxy) list an unknown or
            // aborted upload as empty, so an empty list is confirmed against the open uploads.
            throw new ApiException(ErrorCode.NO_SUCH_UPLOAD,
                    "upload of key " + ApiException.quote(key) + " does not exist (it was completed, aborted or never created)");
        }
        return parts;
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

    /** Assembles the object from the listed parts. */
    public void completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        List<software.amazon.awssdk.services.s3.model.CompletedPart> s3Parts = parts.stream()
                .map(p -> software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                        .partNumber(p.partNumber()).eTag(ETags.quoted(p.etag())).build())
                .toList();
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(s3Parts).build())
                    .overrideConfiguration(o -> o.apiCallTimeout(ASSEMBLY_TIMEOUT).apiCallAttemptTimeout(ASSEMBLY_TIMEOUT)));
        } catch (SdkException e) {
            throw S3Errors.translate(e, "CompleteMultipartUpload", key);
        }
    }

    public void abortMultipartUpload(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            throw S3Errors.translate(e, "AbortMultipartUpload", key);
        }
    }

    /** The object at a key, or empty when there is none. */
    public Optional<StoredObject> headObject(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), ETags.unquoted(head.eTag())));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.translate(e, "HeadObject", key);
        } catch (SdkException e) {
            throw S3Errors.translate(e, "HeadObject", key);
        }
    }

    /** The object's URL; computed locally, no call to S3. */
    public String objectUrl(String key) {
        return s3.utilities().getUrl(b -> b.bucket(bucket).key(key)).toExternalForm();
    }
}
