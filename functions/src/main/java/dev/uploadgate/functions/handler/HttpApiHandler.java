package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.Owners;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every handler shares: read the event, run the operation, render its answer or its error.
 * A subclass only maps the request onto its operation, and names the requests that prime it.
 *
 * <p>A stream handler: Lambda hands it the event's JSON bytes and takes the response's JSON bytes,
 * both read and written here with the functions' one {@link Json} mapper. With a typed
 * {@code RequestHandler} the runtime would do that with its own reflective serializer, which costs
 * about a third of a cold start and which SnapStart priming cannot warm, being the runtime's code.
 *
 * <p>Under SnapStart the runtime calls {@link #beforeCheckpoint} once, after initialisation and
 * before the snapshot: the handler then runs its {@link Priming} requests. On a JVM without CRaC
 * the registration does nothing.
 */
public abstract class HttpApiHandler implements RequestStreamHandler, Resource {

    /** Primes before a SnapStart snapshot; absent for handlers built around given collaborators. */
    private Priming priming;
    /** How callers map to owners: the deployment's, or the default for handlers built around collaborators. */
    private Owners owners = Owners.DEFAULT;

    HttpApiHandler() {
    }

    /**
     * Called by the constructors Lambda and local mode use, not by those taking collaborators:
     * priming builds twin handlers while a checkpoint is under way, and those must not join it.
     *
     * @param twin builds this operation's handler from a wiring (the priming twin's)
     */
    final void primeBeforeCheckpoint(Map<String, String> environment, Function<Wiring, HttpApiHandler> twin) {
        Wiring wiring = Wiring.of(environment);
        owners = wiring.owners();
        priming = new Priming(wiring, operation(), twin);
        // The global context holds resources weakly; the runtime keeps this handler, and so its priming, alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: priming keeps no clock reading, random state or connection.
    }

    /** Runs the priming requests (see {@link Priming}) and returns each one's status; none without priming. */
    final List<Integer> prime() {
        return priming == null ? List.of() : priming.run();
    }

    /** Runs each event through {@link #handleRequest} in memory and returns each response's status. */
    final List<Integer> answer(List<byte[]> events) {
        List<Integer> statuses = new ArrayList<>();
        for (byte[] event : events) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handleRequest(new ByteArrayInputStream(event), response, Priming.CONTEXT);
                statuses.add(Json.read(response.toByteArray()).get("statusCode").intValue());
            } catch (IOException e) {
                throw new UncheckedIOException("in-memory streams do not fail", e);
            }
        }
        return statuses;
    }

    /**
     * Reads the payload 2.0 event and writes the payload 2.0 response. Whatever the bytes are, the
     * answer is a response of the contract (a malformed event is a 400); only a failing stream
     * reaches the runtime.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        output.write(Json.writeBytes(respond(event, context)));
    }

    private APIGatewayV2HTTPResponse respond(byte[] event, Context context) {
        long started = System.nanoTime();
        String requestId = "unknown";
        String owner = null;
        APIGatewayV2HTTPResponse response;
        String code = null;
        try {
            ApiRequest request = ApiRequest.from(HttpApiEvents.read(event), owners);
            requestId = request.requestId();
            owner = request.owner().value();
            response = ApiResponses.ok(handle(request));
        } catch (ApiException e) {
            if (e.code().status() >= 500) {
                RequestLog.failure(context, requestId, e);
            }
            code = e.code().code();
            response = ApiResponses.error(e);
        } catch (RuntimeException e) {
            // A bug: the caller gets the contract's JSON and the request id, the log gets the stack.
            RequestLog.failure(context, requestId, e);
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
        RequestLog.write(context, response.getStatusCode() >= 500 ? LogLevel.ERROR : LogLevel.INFO, fields);
        return response;
    }

    /** The operation's name in logs, such as {@code CreateMultipart}. */
    String operation() {
        String name = getClass().getSimpleName();
        return name.endsWith("Handler") ? name.substring(0, name.length() - "Handler".length()) : name;
    }

    /** Runs the operation and returns the record to answer with. */
    abstract Object handle(ApiRequest request);
}
