package dev.uploadgate.client.cli;

import dev.uploadgate.client.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar (bytes, percent, speed, ETA) redrawn in place at most five times a
 * second. Only used when stderr is a terminal: a log file gets no carriage returns.
 */
final class ProgressBar implements ProgressListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long firstBytes = -1;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(long transferredBytes, long totalBytes) {
        long now = System.nanoTime();
        if (firstBytes < 0) {
            firstBytes = transferredBytes; // bytes already on the server (a resume) do not count towards speed
        }
        if (now - lastDraw < REDRAW_NANOS && transferredBytes != totalBytes) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(transferredBytes, totalBytes, (now - startNanos) / 1e9) + "\u001b[K");
        err.flush();
    }

    String line(long done, long total, double seconds) {
        double speed = seconds > 0 ? Math.max(0, done - Math.max(firstBytes, 0)) / seconds : 0;
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", 100 * done / total));
        }
        line.append(Sizes.format(Math.max(0, done)));
        if (total >= 0) {
            line.append(" / ").append(Sizes.format(total));
        }
        line.append(String.format(Locale.ROOT, "  %.1f MB/s", speed / 1e6));
        if (total > 0 && speed > 0 && done < total) {
            long eta = (long) ((total - done) / speed);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        }
        return line.toString();
    }

    /** Ends the bar's line, so what follows starts on its own. */
    void finish() {
        err.println();
    }
}
