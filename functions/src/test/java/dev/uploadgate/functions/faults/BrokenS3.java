package dev.uploadgate.functions.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for an S3 endpoint that is down, each on loopback: a port nobody listens on, a server
 * that answers every request with a 5xx S3 error, and one that accepts connections and never answers.
 */
final class BrokenS3 implements AutoCloseable {
    private final URI endpoint;
    private final Closer resource;
    private final AtomicInteger requests;

    private BrokenS3(URI endpoint, Closer resource, AtomicInteger requests) {
        this.endpoint = endpoint;
        this.resource = resource;
        this.requests = requests;
    }

    /** A loopback port that was free a moment ago and is now closed: connections are refused. */
    static BrokenS3 closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return new BrokenS3(URI.create("http://127.0.0.1:" + port), () -> { }, new AtomicInteger());
    }

    /** Answers every request with {@code status} and an S3 error document whose code is {@code code}. */
    static BrokenS3 answering(int status, String code) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>injected " + status
                + "</Message><RequestId>fault</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                if (exchange.getRequestMethod().equals("HEAD")) {
                    exchange.sendResponseHeaders(status, -1);
                    return;
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new BrokenS3(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), () -> {
            server.stop(0);
            threads.shutdownNow();
        }, requests);
    }

    /** Accepts every connection and reads what comes, but never writes a byte back. */
    static BrokenS3 silent() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    held.add(listener.accept());
                    requests.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-s3");
        acceptor.setDaemon(true);
        acceptor.start();
        return new BrokenS3(URI.create("http://127.0.0.1:" + listener.getLocalPort()), () -> {
            listener.close();
            for (Socket socket : held) {
                socket.close();
            }
        }, requests);
    }

    URI endpoint() {
        return endpoint;
    }

    /** Requests (or, for the silent server, connections) received so far. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    /** What stops a stand-in. */
    @FunctionalInterface
    private interface Closer {
        void close() throws IOException;
    }
}
