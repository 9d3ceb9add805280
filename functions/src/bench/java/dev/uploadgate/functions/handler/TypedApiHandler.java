package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.rules.Owners;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Bench only (issue 12, serializer comparison): one of our handlers behind the typed
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} interface, so the Lambda
 * runtime's own event serializer reads the event and writes the response instead of the
 * functions' one {@code ObjectMapper}. Everything else is the real handler's: the service is wired
 * from the environment as its Lambda constructor wires it, the real handler's {@code handle} maps
 * the request onto it, and the request, answer record, error mapping and log line are those of
 * {@link HttpApiHandler#respond}. Only the bytes-to-event and response-to-bytes steps differ, and
 * the SnapStart registration is left out (a {@code Priming} holder and org.crac's global context:
 * a few classes and no work on a JVM without CRaC; the typed rows never run primed), which if
 * anything favours this side. A bug (a runtime exception) reaches the runtime here instead of
 * becoming a 500: the benchmark only runs requests that succeed.
 *
 * @param <S> the real handler's service
 */
public abstract class TypedApiHandler<S> implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final S service;
    private final HttpApiHandler<S> handler;
    private final Owners owners;

    /**
     * @param serviceOf as the real handler's Lambda constructor passes it, such as {@code Wiring::presignParts}
     * @param handlerOf the real handler's constructor around a given service
     */
    TypedApiHandler(Function<Wiring, S> serviceOf, Function<S, HttpApiHandler<S>> handlerOf) {
        Wiring wiring = Wiring.of(System.getenv());
        this.service = serviceOf.apply(wiring);
        this.handler = handlerOf.apply(service);
        this.owners = wiring.owners();
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        long started = System.nanoTime();
        String requestId = "unknown";
        String owner = null;
        String code = null;
        APIGatewayV2HTTPResponse response;
        try {
            ApiRequest request = ApiRequest.from(event, owners);
            requestId = request.requestId();
            owner = request.owner().value();
            response = ApiResponses.ok(handler.handle(service, request));
        } catch (ApiException e) {
            if (e.code().status() >= 500) {
                RequestLog.failure(logger, requestId, e);
            }
            code = e.code().code();
            response = ApiResponses.error(e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation", handler.operation());
        fields.put("requestId", requestId);
        fields.put("owner", owner);
        fields.put("status", response.getStatusCode());
        fields.put("code", code);
        fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        RequestLog.write(logger, response.getStatusCode() >= 500 ? LogLevel.ERROR : LogLevel.INFO, fields);
        return response;
    }
}
