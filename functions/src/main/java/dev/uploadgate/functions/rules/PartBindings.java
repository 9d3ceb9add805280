package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Values a client may ask to bind into a part's signature, so S3 refuses any other body. */
public final class PartBindings {
    private static final Pattern BASE64_MD5 = Pattern.compile("[A-Za-z0-9+/]{22}==");

    private PartBindings() {
    }

    public static long requireContentLength(long contentLength) {
        if (contentLength < 0 || contentLength > PartSizing.MAX_PART_SIZE) {
            throw ApiException.invalidField("contentLength", contentLength, "must be from 0 to " + PartSizing.MAX_PART_SIZE + " bytes");
        }
        return contentLength;
    }

    /** A Content-MD5 value: the base64 of a 16-byte MD5 digest. */
    public static String requireContentMd5(String contentMd5) {
        if (contentMd5 == null || !BASE64_MD5.matcher(contentMd5).matches() || Base64.getDecoder().decode(contentMd5).length != 16) {
            throw ApiException.invalidField("contentMD5", contentMd5, "must be the base64 of a 16-byte MD5 digest");
        }
        return contentMd5;
    }
}
