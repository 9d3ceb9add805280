package dev.uploadgate.functions.handler;

import java.util.Map;

/**
 * The payload 2.0 response a function returns to API Gateway, written as JSON to the stream
 * Lambda hands the handler.
 *
 * @param body the answer's JSON, as text: API Gateway takes the body as a string
 */
record HttpApiResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {
}
