package dev.uploadgate.client.bucket;

/** The outcome of one check. */
public enum Status {
    /** Set up as uploadgate needs it. */
    OK,
    /** Required and not (fully) there: uploads would fail or be unsafe. */
    MISSING,
    /** Recommended and not there; uploads work without it. */
    ADVISORY,
    /** The server would not say (not implemented, access denied). */
    UNCHECKED
}
