package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.Owners;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every handler shares: read the event, run the operation on the handler's service, render
 * its answer or its error. A subclass names its service and maps the request onto it in
 * {@link #handle}; the service is a parameter there, so priming can run the same code on a twin.
 *
 * <p>A stream handler: Lambda hands it the event's JSON bytes and takes the response's JSON bytes,
 * both read and written here with the functions' one {@link Json} mapper. With a typed
 * {@code RequestHandler} the runtime would do that with its own reflective serializer, which costs
 * about a third of a cold start and which SnapStart priming cannot warm, being the runtime's code.
 *
 * <p>Under SnapStart the runtime calls {@link #beforeCheckpoint} once, after initialisation and
 * before the snapshot: the handler then runs its {@link Priming} requests. On a JVM without CRaC
 * the registration does nothing.
 *
 * @param <S> the service the operation calls
 */
public abstract class HttpApiHandler<S> implements RequestStreamHandler, Resource {
    /** The environment {@link #inEnvironment} builds handlers in, on the thread doing it. */
    private static final ThreadLocal<Map<String, String>> GIVEN_ENVIRONMENT = new ThreadLocal<>();

    private final S service;
    /** How callers map to owners: the deployment's, or the default for a handler around a given service. */
    private final Owners owners;
    /** Primes before a SnapStart snapshot; absent for a handler around a given service. */
    private final Priming<S> priming;

    /**
     * Lambda's: the service wired from the environment (the process's, or the one
     * {@link #inEnvironment} gives), and registered to be primed before a SnapStart snapshot.
     */
    HttpApiHandler(Function<Wiring, S> serviceOf) {
        Map<String, String> given = GIVEN_ENVIRONMENT.get();
        Wiring wiring = Wiring.of(given != null ? given : System.getenv());
        this.service = serviceOf.apply(wiring);
        this.owners = wiring.owners();
        this.priming = new Priming<>(wiring, operation(), serviceOf);
        // The global context holds resources weakly; the runtime keeps this handler, and so its priming, alive.
        Core.getGlobalContext().register(this);
    }

    /** Around the given service, with the default owners and no priming (tests and benchmarks). */
    HttpApiHandler(S service) {
        this.service = Objects.requireNonNull(service, "service");
        this.owners = Owners.DEFAULT;
        this.priming = null;
    }

    /**
     * Builds a handler with its Lambda constructor, reading the given environment instead of the
     * process's: local mode runs every function in one JVM this way, and tests run a deployment's
     * configuration. For example {@code HttpApiHandler.inEnvironment(variables, CreateMultipartHandler::new)}.
     */
    public static <H extends HttpApiHandler<?>> H inEnvironment(Map<String, String> environment, Supplier<H> lambdaConstructor) {
        GIVEN_ENVIRONMENT.set(Map.copyOf(environment));
        try {
            return lambdaConstructor.get();
        } finally {
            GIVEN_ENVIRONMENT.remove();
        }
    }

    /** Maps the request onto the service and returns the record to answer with. */
    abstract Object handle(S service, ApiRequest request);

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: priming keeps no clock reading, random state or connection.
    }

    /** Runs the priming requests on a twin service and returns each one's status; none without priming. */
    final List<Integer> prime() {
        if (priming == null) {
            return List.of();
        }
        return priming.withTwin(twin -> priming.requests().stream().map(event -> statusOf(respond(event, Priming.SILENT, twin))).toList());
    }

    private static int statusOf(byte[] response) {
        try {
            return Json.read(response).get("statusCode").intValue();
        } catch (IOException e) {
            throw new UncheckedIOException("a response this handler wrote is not JSON", e);
        }
    }

    /**
     * Reads the payload 2.0 event and writes the payload 2.0 response. Whatever the bytes are, the
     * answer is a response of the contract (a malformed event is a 400); only a failing stream
     * reaches the runtime.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(respond(input.readAllBytes(), context == null ? null : context.getLogger(), service));
    }

    /** The response's JSON bytes for the event's, answered by the given service. */
    final byte[] respond(byte[] event, LambdaLogger logger, S answering) {
        return Json.writeBytes(answer(() -> HttpApiEvents.read(event), logger, answering));
    }

    /**
     * The response to an event, answered by the given service and logged in one line. Reading the
     * event is part of the request: a malformed one is answered like any other bad request.
     */
    final APIGatewayV2HTTPResponse answer(Supplier<APIGatewayV2HTTPEvent> event, LambdaLogger logger, S answering) {
        long started = System.nanoTime();
        String requestId = "unknown";
        String owner = null;
        APIGatewayV2HTTPResponse response;
        String code = null;
        try {
            ApiRequest request = ApiRequest.from(event.get(), owners);
            requestId = request.requestId();
            owner = request.owner().value();
            response = ApiResponses.ok(handle(answering, request));
        } catch (ApiException e) {
            if (e.code().status() >= 500) {
                RequestLog.failure(logger, requestId, e);
            }
            code = e.code().code();
            response = ApiResponses.error(e);
        } catch (RuntimeException e) {
            // A bug: the caller gets the contract's JSON and the request id, the log gets the stack.
            RequestLog.failure(logger, requestId, e);
            ApiException internal = new ApiException(ErrorCode.INTERNAL_ERROR, "internal error; request id " + requestId);
            code = internal.code().code();
            response = ApiResponses.error(internal);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation", operation());
        fields.put("requestId", requestId);
        fields.put("owner", owner);
        fields.put("status", response.getStatusCode());
        fields.put("code", code);
        fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        RequestLog.write(logger, response.getStatusCode() >= 500 ? LogLevel.ERROR : LogLevel.INFO, fields);
        return response;
    }

    /** The operation's name in logs, such as {@code CreateMultipart}; it also names the priming requests. */
    final String operation() {
        String name = getClass().getSimpleName();
        return name.endsWith("Handler") ? name.substring(0, name.length() - "Handler".length()) : name;
    }
}
