package dev.uploadgate.functions.service;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what S3 (or the SDK) says into the contract's errors: the caller's mistakes keep their S3
 * code and a 4xx; an unreachable, slow or failing S3 is a 503 the caller may retry; anything else
 * means the function itself is misconfigured (for example its role lacks a permission) and is a 500.
 */
final class S3Errors {
    private S3Errors() {
    }

    static ApiException translate(SdkException failure, String operation, String key) {
        if (failure instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
            String context = operation + " of key " + ApiException.quote(key);
            return switch (code) {
                case "NoSuchUpload" -> new ApiException(ErrorCode.NO_SUCH_UPLOAD,
                        "upload of key " + ApiException.quote(key) + " does not exist (it was completed, aborted or never created)", s3);
                case "InvalidPart" -> new ApiException(ErrorCode.INVALID_PART,
                        "a listed part was not uploaded or its ETag does not match (" + context + ")", s3);
                case "BadDigest", "XAmzContentChecksumMismatch", "InvalidDigest" -> new ApiException(ErrorCode.BAD_DIGEST,
                        "a checksum does not match the uploaded bytes (" + context + ")", s3);
                case "InvalidPartOrder" -> new ApiException(ErrorCode.INVALID_PART_ORDER,
                        "parts must be listed in ascending PartNumber order (" + context + ")", s3);
                case "EntityTooSmall" -> new ApiException(ErrorCode.ENTITY_TOO_SMALL,
                        "every part but the last must be at least 5 MiB (" + context + ")", s3);
                case "EntityTooLarge" -> new ApiException(ErrorCode.ENTITY_TOO_LARGE, "the object is too large (" + context + ")", s3);
                case "InvalidRequest", "InvalidArgument" -> new ApiException(ErrorCode.INVALID_REQUEST,
                        "S3 refused the request as invalid (" + context + ")", s3);
                case "NoSuchKey", "NotFound" -> new ApiException(ErrorCode.NOT_FOUND, "no object has key " + ApiException.quote(key), s3);
                case "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout" -> unavailable(context, s3);
                default -> s3.statusCode() >= 500 ? unavailable(context, s3)
                        : new ApiException(ErrorCode.INTERNAL_ERROR, "S3 refused " + context + " (" + code + ")", s3);
            };
        }
        if (failure instanceof SdkClientException) {
            return unavailable(operation + " of key " + ApiException.quote(key), failure);
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, operation + " failed", failure);
    }

    private static ApiException unavailable(String context, Throwable cause) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "S3 is unavailable; retry later (" + context + ")", cause);
    }
}
