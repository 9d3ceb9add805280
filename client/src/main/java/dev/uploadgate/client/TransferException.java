package dev.uploadgate.client;

import java.util.Optional;

/**
 * An upload or download that did not finish (the one failure type of both directions), with what
 * kind of failure it was, what (if anything) it left on the server, and, in its message, what to
 * do next.
 *
 * <pre>{@code
 * try {
 *     uploader.upload(file);
 * } catch (TransferException e) {
 *     if (e.leftBehind()) {
 *         uploader.abort(e.key().orElseThrow(), e.uploadId().orElseThrow());
 *     }
 * }
 * }</pre>
 */
public final class TransferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely: callers and the CLI's exit codes switch on it. */
    public enum Kind {
        /** The API or S3 refused a request (a 4xx that would fail again). */
        REFUSED,
        /** The network or the server kept failing after every retry. */
        TRANSFER,
        /** Bytes on the server do not match the bytes sent or expected. */
        INTEGRITY,
        /** A local problem: the file cannot be read or written, or changed since a resumable upload started. */
        LOCAL,
        /** The caller interrupted the transfer. */
        CANCELLED
    }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String key;
    private final String uploadId;
    private final boolean leftBehind;

    TransferException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, 0, null, null, null, false);
    }

    TransferException(Kind kind, String message, Throwable cause, int status, String errorCode,
                    String key, String uploadId, boolean leftBehind) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.key = key;
        this.uploadId = uploadId;
        this.leftBehind = leftBehind;
    }

    static TransferException refused(int status, String errorCode, String message) {
        return new TransferException(Kind.REFUSED, message, null, status, errorCode, null, null, false);
    }

    /** The same failure, told what became of the upload it happened in. */
    TransferException withUpload(String key, String uploadId, boolean leftBehind, String whatNext) {
        TransferException e = new TransferException(kind, getMessage() + "; " + whatNext, getCause(), status, errorCode,
                key, uploadId, leftBehind);
        e.setStackTrace(getStackTrace());
        for (Throwable suppressed : getSuppressed()) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the refused request, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** The API's or S3's error code ({@code NoSuchUpload}, {@code AccessDenied}, ..), when one was given. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The key of the upload, once the server had chosen one. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The multipart upload's id, once one was started. */
    public Optional<String> uploadId() {
        return Optional.ofNullable(uploadId);
    }

    /** Whether an unfinished multipart upload (and the storage of its parts) remains on the server. */
    public boolean leftBehind() {
        return leftBehind;
    }
}
