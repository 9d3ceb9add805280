package dev.uploadgate.client;

/**
 * Told how many bytes of a transfer have gone through. Called from the transfer's worker threads,
 * often (every 64 KiB sent or received): keep it quick, and let it not throw. When a part is sent
 * again after a failure, the count goes back by what that attempt had sent.
 *
 * <pre>{@code
 * Uploader uploader = Uploader.builder()
 *         .apiUrl(URI.create("https://api.example.com"))
 *         .progressListener((done, total) -> System.err.printf("%d of %d bytes%n", done, total))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (transferred, total) -> { };

    /**
     * @param transferredBytes bytes sent (or received) so far, parts already on the server included
     * @param totalBytes       the transfer's size, or -1 while unknown (an upload from a stream)
     */
    void onProgress(long transferredBytes, long totalBytes);
}
