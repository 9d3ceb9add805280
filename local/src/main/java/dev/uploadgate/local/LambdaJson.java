package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Payload 2.0 events and responses as JSON bytes, written and read by the Lambda runtime's own
 * event serializer, so a handler sees the JSON a deployed function gets.
 */
final class LambdaJson {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LambdaJson.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LambdaJson.class.getClassLoader());

    private LambdaJson() {
    }

    static byte[] event(APIGatewayV2HTTPEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EVENTS.toJson(event, json);
        return json.toByteArray();
    }

    /** @throws RuntimeException (the serializer's own, shaded types) when the bytes are not a response */
    static APIGatewayV2HTTPResponse response(byte[] json) {
        return RESPONSES.fromJson(new ByteArrayInputStream(json));
    }
}
