package dev.uploadgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The client's HTTP: one blocking HTTP/1.1 exchange at a time per thread, over
 * {@link HttpURLConnection} and its keep-alive pool. Bodies go from the caller's array to the
 * socket in plain writes on the caller's thread. For 8 MiB part bodies this costs a quarter of
 * the CPU of {@code java.net.http} (0.5 against 2.0 to 2.2 CPU seconds per GiB of PUTs; see
 * {@code TransportBenchmark} and BENCHMARKS.md), and it needs no TLS set-up until a URL is https.
 *
 * <p>{@code HttpURLConnection} has a connect and a read timeout but no write timeout, and its
 * blocking I/O ignores interrupts, so a {@link Watchdog} closes the connection when an exchange
 * outlasts its deadline or its thread is interrupted.
 */
final class BlockingHttp {
    /** Bytes per socket write: small enough for smooth progress, large enough to cost nothing. */
    static final int WRITE_CHUNK = 256 * 1024;
    /** Bodies up to this size are buffered, so a 401 or 407 can still be read; larger ones stream. */
    private static final int STREAM_ABOVE = 64 * 1024;
    /** How much of an unread body is drained to keep a connection; past that it is closed. */
    private static final int MAX_DRAIN = 64 * 1024;

    /** What a {@link Reader} sees of an answer; the body is the error body when the status is not 2xx. */
    interface Answer {
        int status();

        /** A response header (any case), or null. */
        String header(String name);

        /** The body, readable until the reader returns; empty when there is none. */
        InputStream body();

        /** The whole body as UTF-8 text, at most {@code limit} bytes of it. */
        default String text(int limit) throws IOException {
            return new String(body().readNBytes(limit), StandardCharsets.UTF_8);
        }
    }

    /** Turns an answer into the caller's result, or throws what the caller's retry loop expects. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Answer answer) throws IOException, Retries.Retryable;
    }

    /** A request body: {@code length} bytes of {@code array}; {@code sent} hears of each chunk written. */
    record Body(byte[] array, int length, LongConsumer sent) {
        static Body of(byte[] array) {
            return new Body(array, array.length, n -> { });
        }
    }

    private final Duration connectTimeout;

    BlockingHttp(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * One exchange. {@code headers} must not name Host or Content-Length (the connection writes
     * those; they are skipped). A body's {@code sent} hears of the negative total written when the
     * exchange fails or the answer is not 2xx. An I/O failure or the deadline throws
     * {@link IOException}; an interrupt throws {@link InterruptedException}.
     */
    <T> T exchange(String method, URI url, Map<String, String> headers, Body body, Duration timeout, Reader<T> reader)
            throws IOException, Retries.Retryable, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled before " + method + " started");
        }
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        Watchdog.Watch watch = Watchdog.watch(connection, timeout);
        long written = 0;
        boolean keep = false;
        try {
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millis(connectTimeout));
            connection.setReadTimeout(millis(timeout));
            connection.setRequestProperty("accept", "*/*");
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("host") && !lower.equals("content-length")) {
                    connection.setRequestProperty(name, value);
                }
            });
            if (body != null) {
                connection.setDoOutput(true);
                if (body.length() > STREAM_ABOVE) {
                    connection.setFixedLengthStreamingMode(body.length());
                }
                try (OutputStream out = connection.getOutputStream()) {
                    while (written < body.length()) {
                        int n = (int) Math.min(WRITE_CHUNK, body.length() - written);
                        out.write(body.array(), (int) written, n);
                        written += n;
                        body.sent().accept(n);
                    }
                }
            }
            int status = status(connection);
            if (status / 100 != 2 && body != null) {
                body.sent().accept(-written);
                written = 0;
            }
            InputStream stream = status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream();
            try (InputStream in = stream == null ? InputStream.nullInputStream() : stream) {
                T result = reader.read(new ConnectionAnswer(connection, status, in));
                keep = in.skip(MAX_DRAIN) < MAX_DRAIN && in.read() < 0;
                return result;
            }
        } catch (Retries.Retryable e) {
            if (body != null) {
                body.sent().accept(-written);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            if (body != null) {
                body.sent().accept(-written);
            }
            if (watch.interrupted()) {
                InterruptedException cancelled = new InterruptedException("cancelled during " + method);
                cancelled.initCause(e);
                throw cancelled;
            }
            if (watch.expired()) {
                SocketTimeoutException late = new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                late.initCause(e);
                throw late;
            }
            throw e;
        } finally {
            watch.stop();
            if (!keep) {
                // Not drained, or failed half-way: the connection cannot carry another request.
                connection.disconnect();
            }
        }
    }

    /** The status; in streaming mode a 401 or 407 surfaces as an exception, which is turned back into its status. */
    private static int status(HttpURLConnection connection) throws IOException {
        try {
            return connection.getResponseCode();
        } catch (HttpRetryException e) {
            return e.responseCode();
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    private record ConnectionAnswer(HttpURLConnection connection, int status, InputStream body) implements Answer {
        @Override
        public String header(String name) {
            return connection.getHeaderField(name);
        }
    }

    /**
     * Closes connections whose exchange outlasts its deadline or whose thread is interrupted:
     * blocking socket I/O answers neither. One daemon thread for the whole JVM, idle when nothing
     * is in flight.
     */
    static final class Watchdog {
        private static final long CHECK_MILLIS = 200;
        private static final ScheduledThreadPoolExecutor TIMER = timer();

        private Watchdog() {
        }

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, MultipartTransfer.daemonThreads("uploadgate-watchdog"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }

        static Watch watch(HttpURLConnection connection, Duration timeout) {
            Watch watch = new Watch(connection, Thread.currentThread(), System.nanoTime() + timeout.toNanos());
            watch.check = TIMER.scheduleWithFixedDelay(watch, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            return watch;
        }

        /** The watch over one exchange; {@link #stop} it when the exchange ends, however it ends. */
        static final class Watch implements Runnable {
            private final HttpURLConnection connection;
            private final Thread owner;
            private final long deadline;
            private volatile ScheduledFuture<?> check;
            private volatile boolean expired;
            private volatile boolean interrupted;

            private Watch(HttpURLConnection connection, Thread owner, long deadline) {
                this.connection = connection;
                this.owner = owner;
                this.deadline = deadline;
            }

            @Override
            public void run() {
                if (owner.isInterrupted()) {
                    interrupted = true;
                } else if (System.nanoTime() - deadline > 0) {
                    expired = true;
                } else {
                    return;
                }
                stop();
                connection.disconnect();
            }

            boolean expired() {
                return expired;
            }

            boolean interrupted() {
                return interrupted || owner.isInterrupted();
            }

            void stop() {
                ScheduledFuture<?> scheduled = check;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }
        }
    }
}
