package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environments of every function, as Lambda keeps them: started on demand (the
 * first request of each is a cold start), kept warm and reused one request at a time, more started
 * when all of a function's are busy, at most {@code maxEnvironments} in all (an idle environment
 * of another function is retired to make room), and retired after {@link #IDLE_LIFETIME} unused.
 */
final class RuntimePool implements AutoCloseable {
    /** How long an unused environment stays warm (Lambda's is unspecified; minutes in practice). */
    static final Duration IDLE_LIFETIME = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(RuntimePool.class);

    private final int maxEnvironments;
    private final RuntimeFiles files;
    private final Path nativeClientFolder;
    private final Path nativeClient;
    private final PrintStream log;
    private final Clock clock;
    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    /** Functions with an environment starting now: one cold start at a time per function. */
    private final Map<String, Integer> starting = new HashMap<>();
    /** Every function's environments, busy, idle or starting. */
    private final Map<String, Integer> perFunction = new HashMap<>();
    private final ScheduledExecutorService retirement;
    private int environments;
    private boolean closed;

    private record Idle(RuntimeEnvironment environment, Instant since) {
    }

    /**
     * @param maxEnvironments how many function processes may exist at once, across all functions
     * @param log             where the functions' output goes
     * @throws IOException when the runtime client's native library cannot be extracted
     */
    RuntimePool(int maxEnvironments, RuntimeFiles files, PrintStream log, Clock clock) throws IOException {
        if (maxEnvironments < 1) {
            throw new IllegalArgumentException("maxEnvironments must be at least 1, not " + maxEnvironments);
        }
        this.maxEnvironments = maxEnvironments;
        this.files = files;
        this.nativeClientFolder = Files.createTempDirectory("local-mode-runtime-client");
        this.nativeClient = files.extractNativeClient(nativeClientFolder);
        this.log = log;
        this.clock = clock;
        this.retirement = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "runtime-retirement");
            thread.setDaemon(true);
            return thread;
        });
        retirement.scheduleWithFixedDelay(this::retireIdle, 30, 30, TimeUnit.SECONDS);
    }

    /**
     * A default for this machine: two environments per core, but at least eight, so each of the
     * template's six functions stays warm with room for a burst. An idle environment costs memory
     * (about 150 MB), not CPU; fewer than the functions a client uses would retire one warm
     * environment for another on every request (measured: LoadTest, BENCHMARKS.md).
     */
    static int defaultMaxEnvironments() {
        return Math.max(8, Runtime.getRuntime().availableProcessors() * 2);
    }

    /** The function's invoker, backed by this pool. */
    FunctionInvoker invoker(FunctionDefinition function, Map<String, String> environment) {
        return new PooledInvoker(function, Map.copyOf(environment));
    }

    /** Runs the event bytes through one environment of the function and returns what it answered. */
    RuntimeEnvironment.Result invokeRaw(FunctionDefinition function, Map<String, String> environment, String requestId, byte[] event) {
        Acquired acquired = acquire(function, environment);
        try {
            return acquired.environment().invoke(requestId, event);
        } finally {
            if (acquired.cold()) {
                started(function);
            }
            release(acquired.environment());
        }
    }

    /** An environment for one request, and whether this request started it (its cold start). */
    private record Acquired(RuntimeEnvironment environment, boolean cold) {
    }

    private Acquired acquire(FunctionDefinition function, Map<String, String> environment) {
        Instant deadline = clock.instant().plusSeconds(function.timeoutSeconds());
        RuntimeEnvironment evicted = null;
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new InvocationException(InvocationException.Kind.NO_ENVIRONMENT, "local mode is shutting down");
                }
                Deque<Idle> own = idle.computeIfAbsent(function.logicalId(), id -> new ArrayDeque<>());
                while (!own.isEmpty()) {
                    RuntimeEnvironment warm = own.pop().environment();
                    if (warm.isAlive()) {
                        return new Acquired(warm, false);
                    }
                    removed(function.logicalId());
                }
                // One cold start per function at a time: on two cores, starting a JVM for every
                // waiting request makes each start slower than the Timeout (measured: LoadTest), while
                // requests queued behind one warm environment are answered in milliseconds.
                boolean mayStart = starting.getOrDefault(function.logicalId(), 0) == 0;
                if (mayStart && environments < maxEnvironments) {
                    environments++;
                    perFunction.merge(function.logicalId(), 1, Integer::sum);
                    starting.merge(function.logicalId(), 1, Integer::sum);
                    break;
                }
                // At the cap, another function's warm environment is retired only for a function with
                // none at all; one that has environments waits for them, or each would evict the other.
                Idle oldest = mayStart && perFunction.getOrDefault(function.logicalId(), 0) == 0 ? oldestIdle() : null;
                if (oldest != null) {
                    String owner = oldest.environment().function().logicalId();
                    idle.get(owner).remove(oldest);
                    removed(owner);
                    environments++;
                    perFunction.merge(function.logicalId(), 1, Integer::sum);
                    starting.merge(function.logicalId(), 1, Integer::sum);
                    evicted = oldest.environment();
                    break;
                }
                long waitMillis = Duration.between(clock.instant(), deadline).toMillis();
                if (waitMillis <= 0) {
                    throw new InvocationException(InvocationException.Kind.NO_ENVIRONMENT, "no execution environment for "
                            + function.logicalId() + " became free within its Timeout: all " + maxEnvironments
                            + " are busy (--max-environments)");
                }
                try {
                    wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InvocationException(InvocationException.Kind.NO_ENVIRONMENT, "interrupted while waiting for an environment");
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        try {
            LOG.info("starting an execution environment for {} (cold start)", function.logicalId());
            return new Acquired(RuntimeEnvironment.start(function, environment, files, nativeClient, log), true);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                removed(function.logicalId());
            }
            started(function);
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR,
                    function.logicalId() + "'s execution environment cannot start: " + e.getMessage(), e);
        }
    }

    /** The environment this request started has answered (or failed): another cold start may begin. */
    private synchronized void started(FunctionDefinition function) {
        starting.merge(function.logicalId(), -1, (count, minus) -> count + minus == 0 ? null : count + minus);
        notifyAll();
    }

    private void release(RuntimeEnvironment runtime) {
        boolean keep;
        synchronized (this) {
            keep = !closed && runtime.isAlive();
            if (keep) {
                idle.computeIfAbsent(runtime.function().logicalId(), id -> new ArrayDeque<>()).push(new Idle(runtime, clock.instant()));
            } else {
                removed(runtime.function().logicalId());
            }
            notifyAll();
        }
        if (!keep) {
            runtime.close();
        }
    }

    /** One environment of this function is gone (stopped, retired, failed to start). Called holding the lock. */
    private void removed(String functionId) {
        environments--;
        perFunction.merge(functionId, -1, (count, minus) -> count + minus == 0 ? null : count + minus);
    }

    private Idle oldestIdle() {
        Idle oldest = null;
        for (Deque<Idle> queue : idle.values()) {
            for (Idle candidate : queue) {
                if (oldest == null || candidate.since().isBefore(oldest.since())) {
                    oldest = candidate;
                }
            }
        }
        return oldest;
    }

    private void retireIdle() {
        List<RuntimeEnvironment> retired = new ArrayList<>();
        synchronized (this) {
            Instant cutoff = clock.instant().minus(IDLE_LIFETIME);
            for (Deque<Idle> queue : idle.values()) {
                queue.removeIf(candidate -> {
                    if (candidate.since().isBefore(cutoff) || !candidate.environment().isAlive()) {
                        retired.add(candidate.environment());
                        return true;
                    }
                    return false;
                });
            }
            retired.forEach(environment -> removed(environment.function().logicalId()));
            notifyAll();
        }
        retired.forEach(RuntimeEnvironment::close);
    }

    /** Stops every idle environment; busy ones stop as their invocation returns. */
    @Override
    public void close() {
        List<RuntimeEnvironment> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(queue -> queue.forEach(entry -> all.add(entry.environment())));
            idle.clear();
            notifyAll();
        }
        retirement.shutdownNow();
        all.forEach(RuntimeEnvironment::close);
        try {
            Files.deleteIfExists(nativeClient);
            Files.deleteIfExists(nativeClientFolder);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", nativeClientFolder, e.toString());
        }
    }

    /** One function's face of the pool: typed events in and out, through the Lambda runtime's JSON. */
    private final class PooledInvoker implements FunctionInvoker {
        private final FunctionDefinition function;
        private final Map<String, String> environment;

        PooledInvoker(FunctionDefinition function, Map<String, String> environment) {
            this.function = function;
            this.environment = environment;
        }

        @Override
        public FunctionDefinition function() {
            return function;
        }

        @Override
        public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, String requestId) {
            RuntimeEnvironment.Result result = invokeRaw(function, environment, requestId, LambdaJson.event(event));
            if (result.error()) {
                throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR,
                        function.logicalId() + " failed: " + new String(result.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            try {
                return LambdaJson.response(result.body());
            } catch (RuntimeException e) {
                throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR,
                        function.logicalId() + " wrote a response that is not payload 2.0 JSON: " + e, e);
            }
        }

        @Override
        public void close() {
            // The pool owns the environments.
        }
    }
}
