package dev.uploadgate.functions.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigns S3 requests with SigV4. Signing is local cryptography: no call reaches S3, so a
 * presign function needs no S3 client and no HTTP client.
 */
public final class UrlSigner {
    private final S3Presigner presigner;
    private final String bucket;
    private final UrlLifetime lifetimes;

    public UrlSigner(S3Presigner presigner, String bucket, UrlLifetime lifetimes) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
    }

    /** An UploadPart URL; a given length or MD5 is signed, so S3 refuses a body that differs. */
    public SignedRequest uploadPart(String key, String uploadId, int partNumber, OptionalLong contentLength, Optional<String> contentMd5) {
        Duration lifetime = lifetimes.current();
        return sign(key, lifetime, () -> presigner.presignUploadPart(p -> p.signatureDuration(lifetime).uploadPartRequest(r -> {
            r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber);
            contentLength.ifPresent(r::contentLength);
            contentMd5.ifPresent(r::contentMD5);
        })));
    }

    /** A single PutObject URL with the content type (and the length, when given) signed. */
    public SignedRequest putObject(String key, String contentType, OptionalLong contentLength, Map<String, String> metadata) {
        Duration lifetime = lifetimes.current();
        return sign(key, lifetime, () -> presigner.presignPutObject(p -> p.signatureDuration(lifetime).putObjectRequest(r -> {
            r.bucket(bucket).key(key).contentType(contentType).metadata(metadata);
            contentLength.ifPresent(r::contentLength);
        })));
    }

    public SignedRequest getObject(String key) {
        Duration lifetime = lifetimes.current();
        return sign(key, lifetime, () -> presigner.presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(r -> r.bucket(bucket).key(key))));
    }

    private static SignedRequest sign(String key, Duration lifetime, Supplier<? extends PresignedRequest> presign) {
        PresignedRequest presigned;
        try {
            presigned = presign.get();
        } catch (SdkException e) {
            // Presigning only fails when the function's own credentials cannot be resolved.
            throw S3Errors.translate(e, "Presign", key);
        }
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return new SignedRequest(presigned.url().toExternalForm(), headers, lifetime.toSeconds());
    }
}
