package dev.uploadgate.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Lambda execution environment: a JVM running the runtime interface client with the
 * function's package on its class path, and the Runtime API it polls, served here on its own
 * loopback port. It takes one invocation at a time ({@link RuntimePool} sees to that), stays warm
 * between them, and is killed when an invocation outlives the function's Timeout.
 */
final class RuntimeEnvironment implements AutoCloseable {
    private static final String API = "/2018-06-01/runtime/";
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final FunctionDefinition function;
    private final int number;
    private final HttpServer api;
    private final ExecutorService apiThreads;
    private final LinkedBlockingQueue<Invocation> next = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> initialised = new CompletableFuture<>();
    private volatile Invocation current;
    private volatile String failure;
    private Process process;

    /** What the function answered: its response bytes, or the error document it posted. */
    record Result(byte[] body, boolean error) {
    }

    private static final class Invocation {
        final String requestId;
        final byte[] event;
        final long timeoutMillis;
        final CompletableFuture<Long> dispatched = new CompletableFuture<>();
        final CompletableFuture<Result> result = new CompletableFuture<>();

        Invocation(String requestId, byte[] event, long timeoutMillis) {
            this.requestId = requestId;
            this.event = event;
            this.timeoutMillis = timeoutMillis;
        }
    }

    private RuntimeEnvironment(FunctionDefinition function, HttpServer api, ExecutorService apiThreads) {
        this.function = function;
        this.number = NUMBERS.incrementAndGet();
        this.api = api;
        this.apiThreads = apiThreads;
    }

    /**
     * Serves the Runtime API and starts the function's JVM; returns at once (the runtime
     * initialises while the first invocation waits for it to ask for work).
     *
     * @param environment the function's variables (template, local overrides, Lambda's own)
     * @param log         where the process's stdout and stderr go, line by line
     */
    static RuntimeEnvironment start(FunctionDefinition function, Map<String, String> environment, RuntimeFiles files,
                                    Path nativeClient, PrintStream log) throws IOException {
        // Without TCP_NODELAY, delayed ACKs meet Nagle's algorithm and add ~40 ms to each Runtime API answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A polling /next holds one thread while the answer to the previous invocation needs another.
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api-" + function.logicalId());
            thread.setDaemon(true);
            return thread;
        });
        api.setExecutor(threads);
        RuntimeEnvironment runtime = new RuntimeEnvironment(function, api, threads);
        api.createContext(API, runtime::handle);
        api.start();
        try {
            runtime.launch(environment, files, nativeClient, log);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void launch(Map<String, String> environment, RuntimeFiles files, Path nativeClient, PrintStream log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Close to what Lambda's java21 runtime starts the JVM with: a heap sized from MemorySize,
        // the serial collector. The template's JAVA_TOOL_OPTIONS arrive through the environment.
        command.add("-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-D" + RuntimeFiles.NATIVE_CLIENT_PROPERTY + "=" + nativeClient);
        command.add("-classpath");
        command.add(files.classPath());
        command.add(RuntimeFiles.RUNTIME_MAIN);
        command.add(function.handler());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(lambdaVariables(files));
        process = builder.start();
        pump(process.getInputStream(), log);
        pump(process.getErrorStream(), log);
        process.onExit().thenRun(this::exited);
    }

    /** What the Lambda service sets in every execution environment, beside the function's own variables. */
    private Map<String, String> lambdaVariables(RuntimeFiles files) {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        variables.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + number);
        variables.put("LAMBDA_TASK_ROOT", files.function().toString());
        variables.put("LAMBDA_RUNTIME_DIR", files.lambdaRuntime().toString());
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        String format = function.logging().get("LogFormat");
        if (format != null) {
            variables.put("AWS_LAMBDA_LOG_FORMAT", format);
        }
        String level = function.logging().get("ApplicationLogLevel");
        if (level != null && "JSON".equalsIgnoreCase(format)) {
            // Lambda applies the log levels only with the JSON format.
            variables.put("AWS_LAMBDA_LOG_LEVEL", level);
        }
        return variables;
    }

    FunctionDefinition function() {
        return function;
    }

    boolean isAlive() {
        return failure == null && process != null && process.isAlive();
    }

    /**
     * Hands the event to the runtime when it next asks, and waits for its answer: first up to the
     * Timeout for the runtime to ask (a cold start's init, which Lambda also bounds by the Timeout
     * when it runs at the first invocation), then up to the Timeout for the answer.
     *
     * @throws InvocationException TIMEOUT after killing the process, FUNCTION_ERROR when the
     *                             runtime failed to start or its process died
     */
    Result invoke(String requestId, byte[] event) {
        long timeoutMillis = Duration.ofSeconds(function.timeoutSeconds()).toMillis();
        Invocation invocation = new Invocation(requestId, event, timeoutMillis);
        current = invocation;
        if (failure != null) {
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR, failure);
        }
        next.add(invocation);
        try {
            await(invocation.dispatched, timeoutMillis, "to initialise");
            return await(invocation.result, timeoutMillis, "");
        } finally {
            current = null;
        }
    }

    private <T> T await(CompletableFuture<T> future, long timeoutMillis, String phase) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(function.logicalId() + " timed out after " + function.timeoutSeconds() + " s" + (phase.isEmpty() ? "" : " " + phase));
            close();
            throw new InvocationException(InvocationException.Kind.TIMEOUT, failure);
        } catch (ExecutionException e) {
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR, e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR, "interrupted while " + function.logicalId() + " ran");
        }
    }

    /** The Runtime API: next invocation, its response or error, an init error. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(API.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                nextInvocation(exchange);
            } else if (path.equals("init/error")) {
                initialised.completeExceptionally(new IllegalStateException(describe("failed to initialise", body)));
                fail(describe("failed to initialise", body));
                accepted(exchange);
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Invocation invocation = current;
                if (invocation == null || !invocation.requestId.equals(requestId)) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                invocation.result.complete(new Result(body, path.endsWith("/error")));
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"not a Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /** Long-polls until an invocation arrives; the headers are all the runtime client needs (without a trace id its native code crashes). */
    private void nextInvocation(HttpExchange exchange) throws IOException {
        initialised.complete(null);
        Invocation invocation;
        try {
            invocation = next.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.currentTimeMillis() + invocation.timeoutMillis;
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", String.valueOf(deadline));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:" + LocalMode.REGION + ":" + EventFactory.ACCOUNT_ID + ":function:" + function.logicalId());
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + invocation.requestId.replace("-", "").substring(0, 24)
                        + ";Parent=0000000000000000;Sampled=0");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, invocation.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event);
        }
        invocation.dispatched.complete(deadline);
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String describe(String what, byte[] errorDocument) {
        return function.logicalId() + " " + what + ": " + new String(errorDocument, StandardCharsets.UTF_8);
    }

    private void exited() {
        fail(function.logicalId() + "'s runtime process exited with code " + process.exitValue());
    }

    /** The first failure wins; the invocation waiting, if any, gets it at once. */
    private void fail(String reason) {
        synchronized (this) {
            if (failure == null) {
                failure = reason;
            }
        }
        Invocation invocation = current;
        if (invocation != null) {
            IllegalStateException cause = new IllegalStateException(failure);
            invocation.dispatched.completeExceptionally(cause);
            invocation.result.completeExceptionally(cause);
        }
    }

    /** Copies one of the process's streams to the log, line by line, as CloudWatch receives them. */
    private void pump(InputStream stream, PrintStream log) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    log.println(line);
                }
            } catch (IOException e) {
                // The process is gone; so is the rest of its output.
            }
        }, "runtime-log-" + function.logicalId() + "-" + number);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        fail(function.logicalId() + "'s execution environment was shut down");
        if (process != null) {
            process.destroyForcibly();
            try {
                // SIGKILL is not refused; waiting makes "stopped" mean gone for the caller.
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        api.stop(0);
        apiThreads.shutdownNow();
    }
}
