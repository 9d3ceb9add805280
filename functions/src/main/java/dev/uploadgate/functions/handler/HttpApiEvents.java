package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads the payload 2.0 event Lambda hands a stream handler into the events library's
 * {@link APIGatewayV2HTTPEvent}, with the functions' one {@link Json} mapper (the runtime's own
 * serializer is a separate, slower Jackson that priming cannot warm). Fields the type does not
 * model are ignored; a field of the wrong kind is a 400 that names it.
 */
final class HttpApiEvents {
    private static final ObjectReader READER = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HttpApiEvents() {
    }

    /** @throws ApiException (400) when the bytes are not a JSON object or a field has the wrong kind */
    static APIGatewayV2HTTPEvent read(byte[] json) {
        if (isBlank(json)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is empty");
        }
        try {
            APIGatewayV2HTTPEvent event = READER.readValue(json);
            if (event == null) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is empty");
            }
            return event;
        } catch (MismatchedInputException e) {
            String path = path(e);
            throw path.isEmpty()
                    ? new ApiException(ErrorCode.INVALID_REQUEST, "the request event must be a JSON object")
                    : new ApiException(ErrorCode.INVALID_REQUEST, "the request event's field " + path + " has the wrong kind of value");
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is not a valid JSON document");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event could not be read");
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
