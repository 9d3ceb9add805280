package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;

/**
 * What every handler shares: read the event, run the operation, render its answer or its error.
 * A subclass only maps the request onto its operation.
 */
public abstract class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = "unknown";
        try {
            ApiRequest request = ApiRequest.from(event);
            requestId = request.requestId();
            return ApiResponses.ok(handle(request));
        } catch (ApiException e) {
            if (e.code().status() >= 500) {
                log(context, requestId, e);
            }
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            // A bug: the caller gets the contract's JSON and the request id, the log gets the stack.
            log(context, requestId, e);
            return ApiResponses.error(new ApiException(ErrorCode.INTERNAL_ERROR, "internal error; request id " + requestId));
        }
    }

    /** Runs the operation and returns the record to answer with. */
    abstract Object handle(ApiRequest request);

    private static void log(Context context, String requestId, RuntimeException failure) {
        StringBuilder line = new StringBuilder("request ").append(requestId).append(" failed: ");
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(t == failure ? "" : "\ncaused by: ").append(t);
            for (StackTraceElement frame : t.getStackTrace()) {
                line.append("\n\tat ").append(frame);
            }
        }
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line.toString());
        } else {
            System.err.println(line);
        }
    }
}
