package dev.uploadgate.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's HTTP server on loopback: the JDK's HttpServer with a pool of threads, so a slow
 * request (a handler waiting on S3) never holds up the others. Bound first and started later,
 * because the embedded S3 server's CORS rule needs the gateway's port before anything can run.
 */
final class LambdaGateway implements AutoCloseable {
    /** Enough for a browser's parallel requests plus a few clients; handlers mostly wait on S3. */
    static final int THREADS = 16;
    /** How long stop() lets requests in flight finish. */
    private static final int STOP_DELAY_SECONDS = 1;

    private final HttpServer server;
    private final ExecutorService executor;

    private LambdaGateway(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1:port (0 picks a free port) without answering anything yet. */
    static LambdaGateway bind(int port) throws IOException {
        // Without TCP_NODELAY, delayed ACKs meet Nagle's algorithm and add ~40 ms to every answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("gateway-"));
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        return new LambdaGateway(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Starts answering every path with this handler. */
    void start(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            // The server's own dispatcher thread keeps the JVM alive; workers need not.
            thread.setDaemon(true);
            return thread;
        }
    }
}
