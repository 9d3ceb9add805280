package dev.uploadgate.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of the S3 server (or of local mode's API gateway) that forwards every request as it came (Host
 * included, so presigned signatures still match) and, on the requests a test chooses, fails
 * instead: drops the connection, answers 500/503, answers 403 as S3 does for an expired URL, or
 * forwards the body with one byte changed (corruption on the wire), or forwards it and then loses
 * the answer (the server acted; the client sees an error).
 * It logs every request, so tests can count exactly how many were sent and retried.
 */
public final class FaultProxy implements AutoCloseable {
    /** What to do with one request. */
    public sealed interface Action permits Forward, Drop, Answer, Hold, Corrupt, Lose {
    }

    /** Forward it to S3. */
    public record Forward() implements Action {
    }

    /** Read part of the body, then close the connection without answering. */
    public record Drop() implements Action {
    }

    /** Answer with this status and body instead of forwarding. */
    public record Answer(int status, String body, Map<String, String> headers) implements Action {
    }

    /** Keep the request waiting until the latch opens (or 60 s pass), then close the connection. */
    public record Hold(CountDownLatch release) implements Action {
    }

    /**
     * Forward it to S3 with one bit of the request body's middle byte flipped, headers (and
     * signature) untouched; for a request without a body, flip one in the answer's body instead.
     */
    public record Corrupt() implements Action {
    }

    /** Forward it and let the server act, then answer this status instead of the server's answer. */
    public record Lose(int status) implements Action {
    }

    public static final Action FORWARD = new Forward();
    public static final Action CORRUPT = new Corrupt();
    public static final Action DROP = new Drop();

    public static Action status(int status) {
        return new Answer(status, "<Error><Code>" + (status == 503 ? "SlowDown" : "InternalError")
                + "</Code><Message>injected by the test</Message></Error>", Map.of());
    }

    /** An API error answer (JSON, as the API's own errors are) instead of forwarding. */
    public static Action apiStatus(int status) {
        return new Answer(status, "{\"code\":\"ServiceUnavailable\",\"message\":\"injected by the test\"}",
                Map.of("content-type", "application/json"));
    }

    public static Action expired() {
        return new Answer(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", Map.of());
    }

    /** One request as the proxy saw it (headers by lower-case name, first value), and what it did. */
    public record Seen(String method, String path, Map<String, String> query, String range, Map<String, String> headers,
                       Action action) {
        public boolean isPartPut() {
            return method.equals("PUT") && query.containsKey("partNumber");
        }

        public int partNumber() {
            return Integer.parseInt(query.get("partNumber"));
        }

        public boolean isRangeGet() {
            return method.equals("GET") && range != null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final List<Seen> log = new CopyOnWriteArrayList<>();
    private volatile Function<Seen, Action> rules = seen -> FORWARD;

    private FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FaultProxy start(URI target) throws IOException {
        return new FaultProxy(target);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Decides each request from now on; {@code seen.action()} is null while deciding. */
    public void rules(Function<Seen, Action> rules) {
        this.rules = rules;
    }

    /** Forward everything and forget what was seen. */
    public void reset() {
        rules = seen -> FORWARD;
        log.clear();
    }

    public List<Seen> seen() {
        return List.copyOf(log);
    }

    public long count(Predicate<Seen> which) {
        return log.stream().filter(which).count();
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "expect",
            "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Seen deciding = new Seen(method, uri.getRawPath(), QueryStrings.parse(uri.getRawQuery()),
                exchange.getRequestHeaders().getFirst("range"), Map.copyOf(headers), null);
        Action action = rules.apply(deciding);
        log.add(new Seen(deciding.method(), deciding.path(), deciding.query(), deciding.range(), deciding.headers(), action));
        try (InputStream body = exchange.getRequestBody()) {
            if (action instanceof Drop) {
                body.readNBytes(64 * 1024);
                exchange.close(); // before any answer: the connection closes under the client
                return;
            }
            if (action instanceof Hold hold) {
                body.readNBytes(64 * 1024);
                try {
                    hold.release().await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] requestBody = body.readAllBytes();
            if (action instanceof Answer answer) {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("content-type", "application/xml");
                answer.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
                return;
            }
            if (action instanceof Lose lose) {
                if (send(exchange, method, uri, requestBody) != null) {
                    byte[] bytes = "{\"code\":\"ServiceUnavailable\",\"message\":\"answer lost, injected by the test\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("content-type", "application/json");
                    exchange.sendResponseHeaders(lose.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
                return;
            }
            boolean corrupt = action instanceof Corrupt;
            if (corrupt && requestBody.length > 0) {
                requestBody[requestBody.length / 2] ^= 0x01;
                corrupt = false;
            }
            forward(exchange, method, uri, requestBody, corrupt);
        }
    }

    private void forward(HttpExchange exchange, String method, URI uri, byte[] requestBody, boolean corruptAnswer) throws IOException {
        HttpResponse<byte[]> response = send(exchange, method, uri, requestBody);
        if (response == null) {
            exchange.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !lower.equals(":status")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        byte[] body = response.body();
        if (corruptAnswer && body.length > 0) {
            body[body.length / 2] ^= 0x01;
        }
        if (method.equals("HEAD")) {
            response.headers().firstValue("content-length").ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            exchange.sendResponseHeaders(response.statusCode(), -1);
        } else {
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** The request sent on as it came, Host included; null when interrupted. */
    private HttpResponse<byte[]> send(HttpExchange exchange, String method, URI uri, byte[] requestBody) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
