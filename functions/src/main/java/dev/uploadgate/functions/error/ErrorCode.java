package dev.uploadgate.functions.error;

/** Every error the API answers with, its HTTP status and the code clients switch on (see http-api.md). */
public enum ErrorCode {
    INVALID_REQUEST(400, "InvalidRequest"),
    INVALID_PART_NUMBER(400, "InvalidPartNumber"),
    INVALID_PART(400, "InvalidPart"),
    INVALID_PART_ORDER(400, "InvalidPartOrder"),
    ENTITY_TOO_SMALL(400, "EntityTooSmall"),
    BAD_DIGEST(400, "BadDigest"),
    UNAUTHORIZED(401, "Unauthorized"),
    ACCESS_DENIED(403, "AccessDenied"),
    NO_SUCH_UPLOAD(404, "NoSuchUpload"),
    NOT_FOUND(404, "NotFound"),
    ENTITY_TOO_LARGE(413, "EntityTooLarge"),
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
    TOO_MANY_UPLOADS(429, "TooManyUploads"),
    INTERNAL_ERROR(500, "InternalError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
