package dev.uploadgate.functions.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Calls a stream handler as Lambda does: the event's JSON bytes in, the response's JSON bytes out.
 * Tests that build typed events get them written to JSON by the Lambda runtime's own event
 * serializer, so the handler sees the JSON a real invocation would carry, and the answer read back
 * into the typed response by the same serializer.
 */
public final class LambdaRuntime {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LambdaRuntime.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LambdaRuntime.class.getClassLoader());

    private LambdaRuntime() {
    }

    /** The event as the runtime's serializer writes it. */
    public static byte[] json(APIGatewayV2HTTPEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EVENTS.toJson(event, json);
        return json.toByteArray();
    }

    public static APIGatewayV2HTTPResponse invoke(RequestStreamHandler handler, APIGatewayV2HTTPEvent event, Context context) {
        return invoke(handler, json(event), context);
    }

    /** Hands the handler these event bytes and reads its answer into the typed response. */
    public static APIGatewayV2HTTPResponse invoke(RequestStreamHandler handler, byte[] event, Context context) {
        return RESPONSES.fromJson(new ByteArrayInputStream(invokeRaw(handler, event, context)));
    }

    /** Hands the handler these event bytes and returns the bytes it wrote. */
    public static byte[] invokeRaw(RequestStreamHandler handler, byte[] event, Context context) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), response, context);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory streams do not fail", e);
        }
        return response.toByteArray();
    }
}
