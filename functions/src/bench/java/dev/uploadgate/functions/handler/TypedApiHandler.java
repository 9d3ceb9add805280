package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;

/**
 * Bench only (issue 12, serializer comparison): one of our handlers behind the typed
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} interface, so the Lambda
 * runtime's own event serializer reads the event and writes the response instead of the
 * functions' one {@code ObjectMapper}. Everything else is the real handler's: the service is wired
 * from the environment as its Lambda constructor wires it, the real handler's {@code handle} maps
 * the request onto it, and the request, answer record, error mapping and log line are the real
 * handler's ({@link HttpApiHandler#answer}, with the default owner mapping, which is the bench's).
 * Only the bytes-to-event and response-to-bytes steps differ, and the SnapStart registration is
 * left out (a {@code Priming} holder and org.crac's global context: a few classes and no work on a
 * JVM without CRaC; the typed rows never run primed), which if anything favours this side.
 *
 * @param <S> the real handler's service
 */
public abstract class TypedApiHandler<S> implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final S service;
    private final HttpApiHandler<S> handler;

    /**
     * @param serviceOf as the real handler's Lambda constructor passes it, such as {@code Wiring::presignParts}
     * @param handlerOf the real handler's constructor around a given service
     */
    TypedApiHandler(Function<Wiring, S> serviceOf, Function<S, HttpApiHandler<S>> handlerOf) {
        this.service = serviceOf.apply(Wiring.of(System.getenv()));
        this.handler = handlerOf.apply(service);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handler.answer(() -> event, context == null ? null : context.getLogger(), service);
    }
}
