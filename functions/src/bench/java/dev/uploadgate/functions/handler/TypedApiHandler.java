package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.rules.Owners;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bench only (issue 12, serializer comparison): one of our handlers behind the typed
 * {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} interface, so the Lambda
 * runtime's own event serializer reads the event and writes the response instead of the
 * functions' one {@code ObjectMapper}. Everything else is the real handler's: it is built with its
 * public no-argument constructor (same wiring, same SnapStart registration) and its
 * {@link HttpApiHandler#handle} runs the operation; the request, the answer record, the error
 * mapping and the log line are those of {@link HttpApiHandler}'s stream path. Only the bytes-to-event
 * and response-to-bytes steps differ. A bug (a runtime exception) reaches the runtime here instead
 * of becoming a 500: the benchmark only runs requests that succeed.
 */
public abstract class TypedApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiHandler handler;
    private final Owners owners;

    TypedApiHandler(HttpApiHandler handler) {
        this.handler = handler;
        this.owners = new Owners(UploadSettings.fromEnvironment(System.getenv()).ownerPerRoleSession());
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = "unknown";
        String owner = null;
        String code = null;
        APIGatewayV2HTTPResponse response;
        try {
            ApiRequest request = ApiRequest.from(event, owners);
            requestId = request.requestId();
            owner = request.owner().value();
            response = ApiResponses.ok(handler.handle(request));
        } catch (ApiException e) {
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
        RequestLog.write(context, response.getStatusCode() >= 500 ? LogLevel.ERROR : LogLevel.INFO, fields);
        return response;
    }
}
