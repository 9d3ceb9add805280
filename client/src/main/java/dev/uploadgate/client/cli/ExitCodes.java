package dev.uploadgate.client.cli;

import dev.uploadgate.client.TransferException;

/** The CLI's exit codes, one per kind of outcome, so scripts can tell what to do next. */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int TRANSFER = 4;
    static final int INTEGRITY = 5;
    static final int LOCAL = 6;
    /** check-bucket: something required for uploads is missing from the bucket. */
    static final int BUCKET_NOT_READY = 7;
    /** check-bucket: the bucket cannot be read at all (no such bucket, access denied, unreachable). */
    static final int BUCKET_UNREADABLE = 8;
    /** check-bucket: nothing required was found missing, but the server would not show some of it. */
    static final int BUCKET_UNVERIFIED = 9;
    static final int CANCELLED = 130;

    private ExitCodes() {
    }

    static int of(TransferException e) {
        return switch (e.kind()) {
            case REFUSED -> REFUSED;
            case TRANSFER -> TRANSFER;
            case INTEGRITY -> INTEGRITY;
            case LOCAL -> LOCAL;
            case CANCELLED -> CANCELLED;
        };
    }
}
