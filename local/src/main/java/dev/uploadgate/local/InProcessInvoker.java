package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code --in-process}: the handler constructed once in this JVM and called directly, without
 * Lambda's runtime (faster to start; no process isolation, no Timeout enforcement).
 */
final class InProcessInvoker implements FunctionInvoker {
    private final HandlerInvoker handler;
    private final Clock clock;
    private final PrintStream log;

    InProcessInvoker(HandlerInvoker handler, Clock clock, PrintStream log) {
        this.handler = handler;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public FunctionDefinition function() {
        return handler.function();
    }

    @Override
    public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, String requestId) {
        try {
            return handler.invoke(event, new LocalContext(handler.function(), requestId, clock, log));
        } catch (HandlerInvoker.HandlerFailedException e) {
            throw new InvocationException(InvocationException.Kind.FUNCTION_ERROR, e.getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        // Nothing held: the handler goes with this JVM.
    }
}
