package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** ETags as S3 writes them: quoted hex digests, and for a multipart object the digest of the part digests plus {@code -N}. */
public final class ETags {
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private ETags() {
    }

    /** Accepts an ETag quoted (as S3 and browsers show it) or not (as Uppy sends it); returns it unquoted. */
    public static String normalize(String field, String etag) {
        String bare = etag == null ? "" : etag.strip();
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (!TOKEN.matcher(bare).matches()) {
            throw new ApiException(ErrorCode.INVALID_PART, field + " " + ApiException.quote(etag) + " is not an ETag returned by a part upload");
        }
        return bare;
    }

    /** The quoted form S3 answers with. */
    public static String quoted(String bareEtag) {
        return "\"" + bareEtag + "\"";
    }

    /** Removes the quotes S3 puts around an ETag, if any. */
    public static String unquoted(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    /**
     * The ETag S3 gives the object assembled from these parts, when every part ETag is a plain MD5
     * (true for SSE-S3 and unencrypted buckets); empty when it cannot be known in advance.
     */
    public static Optional<String> multipartETag(List<CompletedPart> parts) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
        for (CompletedPart part : parts) {
            if (!MD5_HEX.matcher(part.etag()).matches()) {
                return Optional.empty();
            }
            md5.update(HexFormat.of().parseHex(part.etag().toLowerCase(Locale.ROOT)));
        }
        return Optional.of(HexFormat.of().formatHex(md5.digest()) + "-" + parts.size());
    }
}
