package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the payload 2.0 event Lambda hands a stream handler into the events library's
 * {@link APIGatewayV2HTTPEvent}: the functions' one {@link Json} mapper reads the bytes as a tree,
 * and the event's fields are set from it here. Binding the type through Jackson's bean
 * deserializer instead gives the same event but costs a cold start about 110 ms and 284 classes
 * on its first use (measured, BENCHMARKS.md, issue 12), against about 20 ms for the tree. Fields
 * the type does not model are ignored; a field of the wrong kind is a 400 that names it.
 */
final class HttpApiEvents {

    private HttpApiEvents() {
    }

    /** @throws ApiException (400) when the bytes are not a JSON object or a field has the wrong kind */
    static APIGatewayV2HTTPEvent read(byte[] json) {
        if (isBlank(json)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is empty");
        }
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is not a valid JSON document");
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event could not be read");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event is empty");
        }
        if (!root.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request event must be a JSON object");
        }
        return event(new Fields(root, ""));
    }

    private static APIGatewayV2HTTPEvent event(Fields fields) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(fields.text("version"));
        event.setRouteKey(fields.text("routeKey"));
        event.setRawPath(fields.text("rawPath"));
        event.setRawQueryString(fields.text("rawQueryString"));
        event.setCookies(fields.texts("cookies"));
        event.setHeaders(fields.textMap("headers"));
        event.setQueryStringParameters(fields.textMap("queryStringParameters"));
        event.setPathParameters(fields.textMap("pathParameters"));
        event.setStageVariables(fields.textMap("stageVariables"));
        event.setBody(fields.text("body"));
        event.setIsBase64Encoded(fields.flag("isBase64Encoded"));
        Fields context = fields.object("requestContext");
        if (context != null) {
            event.setRequestContext(context(context));
        }
        return event;
    }

    private static RequestContext context(Fields fields) {
        RequestContext context = new RequestContext();
        context.setRouteKey(fields.text("routeKey"));
        context.setAccountId(fields.text("accountId"));
        context.setStage(fields.text("stage"));
        context.setApiId(fields.text("apiId"));
        context.setDomainName(fields.text("domainName"));
        context.setDomainPrefix(fields.text("domainPrefix"));
        context.setTime(fields.text("time"));
        context.setTimeEpoch(fields.wholeNumber("timeEpoch"));
        context.setRequestId(fields.text("requestId"));
        Fields http = fields.object("http");
        if (http != null) {
            RequestContext.Http request = new RequestContext.Http();
            request.setMethod(http.text("method"));
            request.setPath(http.text("path"));
            request.setProtocol(http.text("protocol"));
            request.setSourceIp(http.text("sourceIp"));
            request.setUserAgent(http.text("userAgent"));
            context.setHttp(request);
        }
        Fields authorizer = fields.object("authorizer");
        if (authorizer != null) {
            context.setAuthorizer(authorizer(authorizer));
        }
        return context;
    }

    private static RequestContext.Authorizer authorizer(Fields fields) {
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        Fields jwt = fields.object("jwt");
        if (jwt != null) {
            RequestContext.Authorizer.JWT token = new RequestContext.Authorizer.JWT();
            token.setClaims(jwt.textMap("claims"));
            token.setScopes(jwt.texts("scopes"));
            authorizer.setJwt(token);
        }
        Fields lambda = fields.object("lambda");
        if (lambda != null) {
            authorizer.setLambda(lambda.values());
        }
        Fields iam = fields.object("iam");
        if (iam != null) {
            RequestContext.IAM caller = new RequestContext.IAM();
            caller.setAccessKey(iam.text("accessKey"));
            caller.setAccountId(iam.text("accountId"));
            caller.setCallerId(iam.text("callerId"));
            caller.setPrincipalOrgId(iam.text("principalOrgId"));
            caller.setUserArn(iam.text("userArn"));
            caller.setUserId(iam.text("userId"));
            Fields cognito = iam.object("cognitoIdentity");
            if (cognito != null) {
                RequestContext.CognitoIdentity identity = new RequestContext.CognitoIdentity();
                identity.setAmr(cognito.texts("amr"));
                identity.setIdentityId(cognito.text("identityId"));
                identity.setIdentityPoolId(cognito.text("identityPoolId"));
                caller.setCognitoIdentity(identity);
            }
            authorizer.setIam(caller);
        }
        return authorizer;
    }

    /** One JSON object of the event and its path in it (for the message of a field of the wrong kind). */
    private record Fields(JsonNode object, String path) {

        /** The field's value, or null when it is absent or JSON null. */
        private JsonNode value(String name) {
            JsonNode value = object.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String text(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            return text(value, at(name));
        }

        boolean flag(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return false;
            }
            if (!value.isBoolean()) {
                throw wrongKind(at(name));
            }
            return value.booleanValue();
        }

        long wholeNumber(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return 0;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrongKind(at(name));
            }
            return value.longValue();
        }

        List<String> texts(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                throw wrongKind(at(name));
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                texts.add(value.get(i).isNull() ? null : text(value.get(i), at(name) + "[" + i + "]"));
            }
            return texts;
        }

        Map<String, String> textMap(String name) {
            Fields map = object(name);
            if (map == null) {
                return null;
            }
            Map<String, String> texts = new LinkedHashMap<>();
            map.object.properties().forEach(entry -> texts.put(entry.getKey(), map.text(entry.getKey())));
            return texts;
        }

        Fields object(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                throw wrongKind(at(name));
            }
            return new Fields(value, at(name));
        }

        /** This object's members as plain values: maps, lists, text, numbers, booleans and nulls. */
        Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            object.properties().forEach(entry -> values.put(entry.getKey(), plain(entry.getValue())));
            return values;
        }

        private static Object plain(JsonNode node) {
            if (node.isObject()) {
                return new Fields(node, "").values();
            }
            if (node.isArray()) {
                List<Object> items = new ArrayList<>();
                node.forEach(item -> items.add(plain(item)));
                return items;
            }
            if (node.isNull()) {
                return null;
            }
            return node.isTextual() ? node.textValue() : node.isBoolean() ? node.booleanValue() : node.numberValue();
        }

        private static String text(JsonNode value, String path) {
            if (!value.isTextual()) {
                throw wrongKind(path);
            }
            return value.textValue();
        }

        private String at(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        private static ApiException wrongKind(String path) {
            return new ApiException(ErrorCode.INVALID_REQUEST, "the request event's field " + path + " has the wrong kind of value");
        }
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
