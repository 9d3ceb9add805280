package dev.uploadgate.functions.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.handler.FixedContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.crac.Resource;

/**
 * The child JVM of the cold-start benchmark: what the Lambda runtime does on a cold start, in the
 * same order. It constructs the handler with its public no-argument constructor (the environment
 * is the process's) and invokes it once. A {@link RequestStreamHandler} (ours) gets the event
 * file's bytes and writes the response's bytes, as the runtime passes them through untouched; a
 * typed {@link RequestHandler} (the naive baseline, and the typed twins of ours) gets the event read
 * with the runtime's own event serializer, and its response is serialized the same way. If the
 * status is not 200 the response goes to stderr, after the measured span. Then it prints
 * {@code RESPONSE bytes}, then {@code CPU_MS}, the process's CPU time so far, and
 * {@code MAIN_THREAD_CPU_MS}, the CPU time of the thread that ran the handler. Only after those lines
 * are out does it read the status from the response and count the loaded classes, so neither costs
 * time in the measured span.
 *
 * <p>Arguments: handler class name, event file, and optionally {@code primed}: then the handler's
 * SnapStart priming ({@code beforeCheckpoint}) runs first, as before a snapshot, and the launcher
 * also prints {@code AFTER_PRIME_MS}, the time from the end of priming to the response: what a
 * restored snapshot still has to do for its first request (the restore itself not included).
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        Object handler = loader.loadClass(args[0]).getConstructor().newInstance();
        boolean primed = args.length > 2 && args[2].equals("primed");
        if (primed) {
            ((Resource) handler).beforeCheckpoint(null);
        }
        long restored = System.nanoTime();
        byte[] response = handler instanceof RequestStreamHandler stream
                ? invokeStream(stream, Path.of(args[1]))
                : TypedInvocation.invoke(handler, Path.of(args[1]), loader);
        long answeredAt = System.currentTimeMillis();
        long afterPrime = System.nanoTime() - restored;
        System.out.println("RESPONSE " + response.length);
        System.out.flush();
        // The process's CPU time up to the response (all threads, JIT and GC included; the kernel
        // counts it in 10 ms ticks): other processes on the machine change it far less than the wall time.
        System.out.println("CPU_MS " + ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L));
        // This thread's alone, in nanoseconds (the scheduler's own count): handler construction and
        // the invocation, without the JIT and GC threads.
        System.out.println("MAIN_THREAD_CPU_MS " + Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]) / 1e6);
        if (primed) {
            System.out.println("AFTER_PRIME_MS " + afterPrime / 1e6);
        }
        int status = new ObjectMapper().readTree(response).path("statusCode").asInt(-1);
        System.out.println("STATUS " + status);
        if (status != 200) {
            // After the measured span: what went wrong, in the log the parent keeps.
            System.err.println("response: " + new String(response, StandardCharsets.UTF_8));
        }
        System.out.println("JVM_MS " + (answeredAt - ManagementFactory.getRuntimeMXBean().getStartTime()));
        System.out.println("CLASSES " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.flush();
    }

    /** The runtime hands a stream handler the event's bytes as they came, and sends on what it writes. */
    private static byte[] invokeStream(RequestStreamHandler handler, Path event) throws Exception {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(event)), response, stderrContext());
        return response.toByteArray();
    }

    /**
     * The runtime's serializer round trip for a typed handler. A class of its own, so the event
     * types are loaded only for a typed handler: a stream handler's package does not have them.
     */
    private static final class TypedInvocation {
        static byte[] invoke(Object handler, Path file, ClassLoader loader) throws Exception {
            PojoSerializer<APIGatewayV2HTTPEvent> events = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
            PojoSerializer<APIGatewayV2HTTPResponse> responses = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);
            APIGatewayV2HTTPEvent event;
            try (InputStream in = Files.newInputStream(file)) {
                event = events.fromJson(in);
            }
            APIGatewayV2HTTPResponse response = typed(handler).handleRequest(event, stderrContext());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            responses.toJson(response, json);
            return json.toByteArray();
        }

        @SuppressWarnings("unchecked")
        private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> typed(Object handler) {
            return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
        }
    }

    /** Lambda writes function logs to its log pipe; here they go to stderr, which the parent keeps. */
    private static Context stderrContext() {
        return new FixedContext("bench", "cold-start-bench", new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        });
    }
}
