package dev.uploadgate.local;

import dev.uploadgate.functions.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server on loopback: Jetty (it comes with S3Proxy), so that every answer,
 * even to a request the HTTP layer itself cannot parse, is the contract's JSON. Bound first and
 * started later, because the embedded S3 server's CORS rule needs the gateway's port before
 * anything can run.
 */
final class LambdaGateway implements AutoCloseable {
    /** Enough for a browser's parallel requests plus a few clients; handlers mostly wait on S3. */
    static final int THREADS = 24;
    /** How much of an oversized body is read past the limit, so the client can still read the 413. */
    private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;
    private static final long STOP_TIMEOUT_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(LambdaGateway.class);

    private final Server server;
    private final ServerConnector connector;

    private LambdaGateway(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Listens on 127.0.0.1:port (0 picks a free port) without answering anything yet.
     *
     * @throws BindException naming the port when it is taken
     */
    static LambdaGateway bind(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
        threads.setName("gateway");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        // The gateway decodes paths itself, as API Gateway does (an encoded '/' is a '/' in a
        // parameter, bad escapes are its own 400 JSON); Jetty must pass every path through.
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors());
        try {
            connector.open();
        } catch (IOException e) {
            server.destroy();
            throw new BindException("the API port " + port + " on 127.0.0.1 is already in use; choose another with --port N"
                    + " (--port 0 picks a free one)");
        }
        return new LambdaGateway(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Starts answering every request with this handler. */
    void start(GatewayHandler gateway) throws Exception {
        server.setHandler(new Adapter(gateway));
        server.start();
    }

    @Override
    public void close() {
        try {
            server.setStopTimeout(STOP_TIMEOUT_MILLIS);
            server.stop();
        } catch (Exception e) { // Jetty's stop() declares Exception
            LOG.warn("the gateway did not stop cleanly: {}", e.toString());
        }
    }

    /** Jetty's request in, the gateway's answer out. */
    private static final class Adapter extends Handler.Abstract {
        private final GatewayHandler gateway;

        Adapter(GatewayHandler gateway) {
            super(InvocationType.BLOCKING);
            this.gateway = gateway;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            GatewayResponse answer;
            try {
                Body body = readBody(request);
                GatewayRequest gatewayRequest = new GatewayRequest(request.getMethod(), request.getHttpURI().getPath(),
                        request.getHttpURI().getQuery(), headers(request), body.bytes(),
                        Request.getRemoteAddr(request), Request.getLocalPort(request));
                answer = gateway.answer(gatewayRequest, body.tooLarge());
            } catch (UncheckedIOException e) {
                // The client went away mid-request; nothing left to tell it.
                LOG.debug("{} {}: {}", request.getMethod(), request.getHttpURI(), e.toString());
                callback.failed(e.getCause());
                return true;
            } catch (RuntimeException e) {
                // A bug in the gateway itself: the stack goes to the log, the client gets the contract's JSON.
                LOG.error("{} {} failed in the gateway", request.getMethod(), request.getHttpURI(), e);
                answer = GatewayResponse.error(ErrorCode.INTERNAL_ERROR, "the local gateway failed: " + e, Map.of());
            }
            write(request, response, answer, callback);
            return true;
        }

        private static Map<String, List<String>> headers(Request request) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
            }
            return headers;
        }

        private record Body(byte[] bytes, boolean tooLarge) {
        }

        /**
         * The body, or none when it is larger than API Gateway's limit. An oversized body that is
         * not too huge is still read and thrown away: closing a connection with unread bytes resets
         * it, and the client would lose the 413 answer along with it.
         */
        private static Body readBody(Request request) {
            long declared = request.getLength();
            try (InputStream in = Content.Source.asInputStream(request)) {
                if (declared > GatewayHandler.MAX_BODY_BYTES) {
                    discard(in);
                    return new Body(new byte[0], true);
                }
                byte[] bytes = in.readNBytes(GatewayHandler.MAX_BODY_BYTES);
                if (in.read() >= 0) {
                    discard(in);
                    return new Body(new byte[0], true);
                }
                return new Body(bytes, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void discard(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long discarded = 0;
            for (int read; discarded < MAX_DISCARDED_BYTES && (read = in.read(buffer)) >= 0; ) {
                discarded += read;
            }
        }
    }

    private static void write(Request request, Response response, GatewayResponse answer, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
        boolean noBody = request.getMethod().equalsIgnoreCase("HEAD") || answer.status() == 204 || answer.status() == 304;
        if (noBody) {
            if (answer.status() != 204 && answer.status() != 304) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            }
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /**
     * What Jetty answers itself (a request line or header it cannot parse, a URI too long): the
     * contract's JSON instead of Jetty's HTML page.
     */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            Object message = request.getAttribute(ERROR_MESSAGE);
            ErrorCode code = status == 404 ? ErrorCode.NOT_FOUND
                    : status == 413 ? ErrorCode.ENTITY_TOO_LARGE
                    : status < 500 ? ErrorCode.INVALID_REQUEST
                    : ErrorCode.INTERNAL_ERROR;
            String text = "the request cannot be parsed as HTTP (" + status + (message == null ? "" : ": " + message) + ")";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            byte[] body = ErrorBodies.json(code, text);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
