package dev.uploadgate.functions.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.handler.AbortMultipartHandler;
import dev.uploadgate.functions.handler.CompleteMultipartHandler;
import dev.uploadgate.functions.handler.CreateMultipartHandler;
import dev.uploadgate.functions.handler.HttpApiHandler;
import dev.uploadgate.functions.handler.ListPartsHandler;
import dev.uploadgate.functions.handler.PresignObjectHandler;
import dev.uploadgate.functions.handler.PresignPartHandler;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every handler of the API, built the way Lambda builds them (from an environment) and called
 * with the JSON of real payload 2.0 events, for tests that walk the whole contract.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final CreateMultipartHandler create;
    public final PresignPartHandler presignPart;
    public final CompleteMultipartHandler complete;
    public final ListPartsHandler listParts;
    public final AbortMultipartHandler abort;
    public final PresignObjectHandler presignObject;
    /** What the handlers logged through this Api's own calls. */
    public final RecordingContext context = new RecordingContext();

    public Api(Map<String, String> environment) {
        create = HttpApiHandler.inEnvironment(environment, CreateMultipartHandler::new);
        presignPart = HttpApiHandler.inEnvironment(environment, PresignPartHandler::new);
        complete = HttpApiHandler.inEnvironment(environment, CompleteMultipartHandler::new);
        listParts = HttpApiHandler.inEnvironment(environment, ListPartsHandler::new);
        abort = HttpApiHandler.inEnvironment(environment, AbortMultipartHandler::new);
        presignObject = HttpApiHandler.inEnvironment(environment, PresignObjectHandler::new);
    }

    /** A handler's answer with its body parsed. */
    public record Answer(int status, JsonNode body, Map<String, String> headers) {
        public String text(String field) {
            return body.get(field).asText();
        }
    }

    /** The signed headers an answer lists (a PUT's {@code headers}), to send with its URL. */
    public static Map<String, String> headers(Answer signed) {
        Map<String, String> headers = new TreeMap<>();
        signed.body().get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    public static Answer call(RequestStreamHandler handler, APIGatewayV2HTTPEvent event) {
        return call(handler, event, null);
    }

    /** Calls a handler with this Api's recording context. */
    public Answer send(RequestStreamHandler handler, APIGatewayV2HTTPEvent event) {
        return call(handler, event, context);
    }

    /** Calls a handler with an event's JSON bytes, such as a file of events/. */
    public static Answer call(RequestStreamHandler handler, byte[] event) {
        return answer(LambdaRuntime.invoke(handler, event, null));
    }

    private static Answer call(RequestStreamHandler handler, APIGatewayV2HTTPEvent event,
                               Context context) {
        return answer(LambdaRuntime.invoke(handler, event, context));
    }

    private static Answer answer(APIGatewayV2HTTPResponse response) {
        try {
            return new Answer(response.getStatusCode(), JSON.readTree(response.getBody()), response.getHeaders());
        } catch (JsonProcessingException e) {
            throw new AssertionError("handler answered with non-JSON body: " + response.getBody(), e);
        }
    }

    public Answer createUpload(String fileName, String type) {
        return send(create, HttpEvents.request("POST", "/s3/multipart")
                .body("{\"filename\":" + quote(fileName) + ",\"type\":" + quote(type) + "}").build());
    }

    public Answer presignBatch(String key, String uploadId, String partNumbers) {
        return send(presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/batch")
                .path("uploadId", uploadId).query("key", key).query("partNumbers", partNumbers).build());
    }

    public Answer presignPart(String key, String uploadId, int partNumber) {
        return send(presignPart, HttpEvents.request("GET", "/s3/multipart/{uploadId}/{partNumber}")
                .path("uploadId", uploadId).path("partNumber", Integer.toString(partNumber)).query("key", key).build());
    }

    public Answer complete(String key, String uploadId, String partsJson) {
        return send(complete, HttpEvents.request("POST", "/s3/multipart/{uploadId}/complete")
                .path("uploadId", uploadId).query("key", key).body("{\"parts\":" + partsJson + "}").build());
    }

    public Answer listParts(String key, String uploadId) {
        return send(listParts, HttpEvents.request("GET", "/s3/multipart/{uploadId}")
                .path("uploadId", uploadId).query("key", key).build());
    }

    public Answer abort(String key, String uploadId) {
        return send(abort, HttpEvents.request("DELETE", "/s3/multipart/{uploadId}")
                .path("uploadId", uploadId).query("key", key).build());
    }

    public Answer download(String key) {
        return send(presignObject, HttpEvents.request("GET", "/s3/download").query("key", key).build());
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
