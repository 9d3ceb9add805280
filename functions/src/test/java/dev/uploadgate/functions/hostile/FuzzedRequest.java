package dev.uploadgate.functions.hostile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.uploadgate.functions.testing.HttpEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request: which route's handler gets it, its path parameters, its raw query string
 * and its body as the event carries it. A record, so a failing sample reads well in the assertion message.
 *
 * @param body   the event's body field, or null for none
 * @param base64 the event's isBase64Encoded flag
 */
record FuzzedRequest(String route, Map<String, String> path, String rawQuery, String body, boolean base64) {
    FuzzedRequest {
        path = new LinkedHashMap<>(path);
    }

    /** The payload 2.0 event API Gateway would send for it. */
    APIGatewayV2HTTPEvent event() {
        HttpEvents request = HttpEvents.request(method(), routePath());
        path.forEach(request::path);
        APIGatewayV2HTTPEvent event = request.rawQuery(rawQuery).build();
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    private String method() {
        return switch (route) {
            case "create", "complete" -> "POST";
            case "abort" -> "DELETE";
            default -> "GET";
        };
    }

    private String routePath() {
        return switch (route) {
            case "create" -> "/s3/multipart";
            case "part" -> "/s3/multipart/{uploadId}/{partNumber}";
            case "batch" -> "/s3/multipart/{uploadId}/batch";
            case "complete" -> "/s3/multipart/{uploadId}/complete";
            case "list", "abort" -> "/s3/multipart/{uploadId}";
            case "params" -> "/s3/params";
            case "download" -> "/s3/download";
            default -> throw new IllegalArgumentException(route);
        };
    }

    @Override
    public String toString() {
        return route + " path=" + path + " query=" + ContractChecks.abbreviate(rawQuery) + " base64=" + base64
                + " body=" + ContractChecks.abbreviate(body);
    }
}
