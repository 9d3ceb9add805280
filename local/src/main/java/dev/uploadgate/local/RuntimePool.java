package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.PrintStream;
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
    private final PrintStream log;
    private final Clock clock;
    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    private final ScheduledExecutorService retirement;
    private int environments;
    private boolean closed;

    private record Idle(RuntimeEnvironment environment, Instant since) {
    }

    /**
     * @param maxEnvironments how many function processes may exist at once, across all functions
     * @param log             where the functions' output goes
     */
    RuntimePool(int maxEnvironments, RuntimeFiles files, PrintStream log, Clock clock) {
        if (maxEnvironments < 1) {
            throw new IllegalArgumentException("maxEnvironments must be at least 1, not " + maxEnvironments);
        }
        this.maxEnvironments = maxEnvironments;
        this.files = files;
        this.log = log;
        this.clock = clock;
        this.retirement = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "runtime-retirement");
            thread.setDaemon(true);
            return thread;
        });
        retirement.scheduleWithFixedDelay(this::retireIdle, 30, 30, TimeUnit.SECONDS);
    }

    /** A sensible default for this machine: two environments per core, at least two. */
    static int defaultMaxEnvironments() {
        return Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    }

    /** The function's invoker, backed by this pool. */
    FunctionInvoker invoker(FunctionDefinition function, Map<String, String> environment) {
        return new PooledInvoker(function, Map.copyOf(environment));
    }

    /** Runs the event bytes through one environment of the function and returns what it answered. */
    RuntimeEnvironment.Result invokeRaw(FunctionDefinition function, Map<String, String> environment, String requestId, byte[] event) {
        RuntimeEnvironment runtime = acquire(function, environment);
        try {
            return runtime.invoke(requestId, event);
        } finally {
            release(runtime);
        }
    }

    private RuntimeEnvironment acquire(FunctionDefinition function, Map<String, String> environment) {
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
                        return warm;
                    }
                    environments--;
                }
                if (environments < maxEnvironments) {
                    environments++;
                    break;
                }
                Idle oldest = oldestIdle();
                if (oldest != null) {
                    // Room for this function at the cost of another's warm environment; the slot passes on.
                    idle.get(oldest.environment().function().logicalId()).remove(oldest);
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
            return RuntimeEnvironment.start(function, environment, files, log);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                environments--;
                notifyAll();
            }
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR,
                    function.logicalId() + "'s execution environment cannot start: " + e.getMessage(), e);
        }
    }

    private void release(RuntimeEnvironment runtime) {
        boolean keep;
        synchronized (this) {
            keep = !closed && runtime.isAlive();
            if (keep) {
                idle.computeIfAbsent(runtime.function().logicalId(), id -> new ArrayDeque<>()).push(new Idle(runtime, clock.instant()));
            } else {
                environments--;
            }
            notifyAll();
        }
        if (!keep) {
            runtime.close();
        }
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
            environments -= retired.size();
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
