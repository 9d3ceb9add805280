package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a multipart upload was created for, written into its key after the random id so the
 * presign and complete functions can read it back without a call to S3 or stored state: the
 * declared size and part size ({@code .s<size>-p<partSize>}) and the checksum
 * ({@code .<algorithm>-<full|composite>}), for example {@code <id>.s12000000-p8388608.crc32c-full}.
 *
 * <p>A caller cannot rewrite it: S3 binds an upload id to the key it was created with, so a part
 * URL signed for an edited key names an upload that does not exist there (NoSuchUpload), and a new
 * key only comes from create, which checks the size first.
 *
 * @param size     the declared object size, when the caller declared one
 * @param partSize bytes per part (the last one the remainder); 0 when the size is not declared
 * @param checksum the S3 checksum the upload was created with, if any
 */
public record UploadDescriptor(OptionalLong size, long partSize, Optional<UploadChecksum> checksum) {
    /** An upload of unknown size and no checksum: what a key without a descriptor means. */
    public static final UploadDescriptor NONE = new UploadDescriptor(OptionalLong.empty(), 0, Optional.empty());

    private static final Pattern SIZES = Pattern.compile("s(0|[1-9][0-9]{0,17})-p([1-9][0-9]{0,17})");
    private static final Pattern CHECKSUM = Pattern.compile("([a-z0-9]+)-(full|composite)");

    public UploadDescriptor {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(checksum, "checksum");
        if (size.isPresent() != (partSize > 0)) {
            throw new IllegalArgumentException("a part size goes with a declared size, and only then");
        }
    }

    public static UploadDescriptor sized(long size, long partSize, Optional<UploadChecksum> checksum) {
        return new UploadDescriptor(OptionalLong.of(size), partSize, checksum);
    }

    public static UploadDescriptor unsized(Optional<UploadChecksum> checksum) {
        return new UploadDescriptor(OptionalLong.empty(), 0, checksum);
    }

    /** How many parts the declared size takes; only for a sized upload. */
    public int partCount() {
        return PartSizing.partCountFor(size.orElseThrow(), partSize);
    }

    /**
     * The exact length of a part of a sized upload: {@code partSize}, the remainder for the last.
     *
     * @throws ApiException 400 InvalidPartNumber above the part count
     */
    public long requirePartLength(String field, int partNumber) {
        int partCount = partCount();
        if (partNumber > partCount) {
            throw new ApiException(ErrorCode.INVALID_PART_NUMBER, field + " " + partNumber + " is above this upload's "
                    + partCount + " part(s) (size " + size.getAsLong() + ", partSize " + partSize + ")");
        }
        return partNumber < partCount ? partSize : size.getAsLong() - (long) (partCount - 1) * partSize;
    }

    /** The text that follows the id in the key: empty, or dot-separated fields. */
    public String encode() {
        StringBuilder text = new StringBuilder();
        size.ifPresent(bytes -> text.append(".s").append(bytes).append("-p").append(partSize));
        checksum.ifPresent(c -> text.append('.').append(c.algorithm().lowerCase()).append('-')
                .append(c.type() == ChecksumType.FULL_OBJECT ? "full" : "composite"));
        return text.toString();
    }

    /**
     * Reads the text after the id back; empty when it is not exactly what {@link #encode} writes
     * (so a key has one spelling only).
     */
    public static Optional<UploadDescriptor> decode(String text) {
        if (text.isEmpty()) {
            return Optional.of(NONE);
        }
        if (!text.startsWith(".")) {
            return Optional.empty();
        }
        OptionalLong size = OptionalLong.empty();
        long partSize = 0;
        Optional<UploadChecksum> checksum = Optional.empty();
        for (String field : text.substring(1).split("\\.", -1)) {
            Matcher sizes = SIZES.matcher(field);
            Matcher sum = CHECKSUM.matcher(field);
            if (sizes.matches() && size.isEmpty() && checksum.isEmpty()) {
                size = OptionalLong.of(Long.parseLong(sizes.group(1)));
                partSize = Long.parseLong(sizes.group(2));
            } else if (sum.matches() && checksum.isEmpty()) {
                checksum = checksum(sum.group(1), sum.group(2));
                if (checksum.isEmpty()) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        UploadDescriptor descriptor = new UploadDescriptor(size, partSize, checksum);
        return descriptor.encode().equals(text) ? Optional.of(descriptor) : Optional.empty();
    }

    private static Optional<UploadChecksum> checksum(String algorithmName, String typeName) {
        ChecksumType type = typeName.equals("full") ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE;
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (algorithm.lowerCase().equals(algorithmName) && UploadChecksum.isPair(algorithm, type)) {
                return Optional.of(new UploadChecksum(algorithm, type));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return encode().isEmpty() ? "(none)" : encode().substring(1).toUpperCase(Locale.ROOT);
    }
}
