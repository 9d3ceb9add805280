package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.util.regex.Pattern;

/**
 * Upload ids are opaque to us but come from the caller: only the characters S3 and compatible
 * servers use in them are accepted, so nothing else travels into an S3 request.
 */
public final class UploadIds {
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._~+/=-]{1,1024}");

    private UploadIds() {
    }

    public static String require(String uploadId) {
        // ".." would let an id climb out of the upload's place in a path-style request or a
        // filesystem-backed server.
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches() || uploadId.contains("..")) {
            throw ApiException.invalidField("uploadId", uploadId, "is not an upload id returned by POST /s3/multipart");
        }
        return uploadId;
    }
}
