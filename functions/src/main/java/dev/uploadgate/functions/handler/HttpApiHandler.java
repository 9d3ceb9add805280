package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every handler shares: read the event, run the operation, render its answer or its error.
 * A subclass only maps the request onto its operation.
 */
public abstract class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = "unknown";
        String owner = null;
        APIGatewayV2HTTPResponse response;
        String code = null;
        try {
            ApiRequest request = ApiRequest.from(event);
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
