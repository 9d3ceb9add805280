package dev.uploadgate.client.bucket;

import java.util.Objects;
import java.util.Optional;

/**
 * One part of a bucket's configuration as the server answered it: there, absent (S3's "no such
 * configuration" answers), or not checkable (not implemented by the server, access denied), with why.
 */
public record Fetched<T>(State state, T value, String reason) {
    /** What the server said. */
    public enum State { PRESENT, ABSENT, UNCHECKED }

    public Fetched {
        Objects.requireNonNull(state, "state");
        if (state == State.PRESENT) {
            Objects.requireNonNull(value, "value");
        }
        if (state == State.UNCHECKED) {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public static <T> Fetched<T> present(T value) {
        return new Fetched<>(State.PRESENT, value, null);
    }

    public static <T> Fetched<T> absent() {
        return new Fetched<>(State.ABSENT, null, null);
    }

    public static <T> Fetched<T> unchecked(String reason) {
        return new Fetched<>(State.UNCHECKED, null, reason);
    }

    public boolean isUnchecked() {
        return state == State.UNCHECKED;
    }

    /** The value when present, else empty (absent or unchecked). */
    public Optional<T> optional() {
        return Optional.ofNullable(value);
    }
}
