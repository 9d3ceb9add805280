package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the gateway serves, read from the template and nowhere else: each function with its
 * handler, and each HttpApi event as a route to it, plus the API's CorsConfiguration. There is
 * deliberately no route table in Java to keep in sync with the template.
 *
 * @param functions the template's functions, in template order
 * @param routes    every HttpApi route
 * @param cors      the API's CorsConfiguration, empty when it has none
 */
record TemplateRoutes(List<FunctionDefinition> functions, List<Route> routes, Optional<CorsPolicy> cors) {
    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    /** SAM's defaults when neither the function nor Globals sets them. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final String IMPLICIT_API = "(the implicit HTTP API)";
    private static final Set<String> LOGGING_KEYS = Set.of("LogFormat", "ApplicationLogLevel", "SystemLogLevel");
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRoutes.class);

    TemplateRoutes {
        functions = List.copyOf(functions);
        routes = List.copyOf(routes);
    }

    static TemplateRoutes read(SamTemplate template, IntrinsicResolver resolver) {
        Map<String, Object> globals = template.globals("Function");
        List<FunctionDefinition> functions = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        Set<String> apis = new LinkedHashSet<>();
        Map<String, Route> byKey = new LinkedHashMap<>();
        template.resourcesOfType(FUNCTION_TYPE).forEach((id, resource) -> {
            Map<String, Object> properties = SamTemplate.optionalMap(resource, "Properties", "Resources." + id).orElse(Map.of());
            functions.add(function(id, properties, globals, resolver));
            Map<String, Object> events = SamTemplate.optionalMap(properties, "Events", "Resources." + id + ".Properties")
                    .orElse(Map.of());
            events.forEach((eventName, value) -> {
                String where = "Resources." + id + ".Properties.Events." + eventName;
                Map<String, Object> event = SamTemplate.asMap(value, where);
                if (!"HttpApi".equals(event.get("Type"))) {
                    LOG.warn("{}: events of type {} are not served by local mode", where, event.get("Type"));
                    return;
                }
                Map<String, Object> eventProperties = SamTemplate.optionalMap(event, "Properties", where).orElse(Map.of());
                Route route = route(id, eventProperties, resolver, where);
                Route clash = byKey.putIfAbsent(route.routeKey(), route);
                if (clash != null) {
                    throw new TemplateException("route " + route.routeKey() + " is defined by both "
                            + clash.functionId() + " and " + id);
                }
                routes.add(route);
                apis.add(apiId(eventProperties, where));
            });
        });
        if (apis.size() > 1) {
            throw new TemplateException("local mode serves one HTTP API, but the routes belong to " + apis);
        }
        Optional<CorsPolicy> cors = apis.isEmpty() ? Optional.empty() : cors(template, apis.iterator().next(), resolver);
        return new TemplateRoutes(functions, routes, cors);
    }

    private static FunctionDefinition function(String id, Map<String, Object> properties, Map<String, Object> globals,
                                               IntrinsicResolver resolver) {
        String where = "Resources." + id + ".Properties";
        Object handlerValue = properties.getOrDefault("Handler", globals.get("Handler"));
        if (handlerValue == null) {
            throw new TemplateException(where + ".Handler is missing");
        }
        String handler = resolver.resolveText(handlerValue)
                .orElseThrow(() -> new TemplateException(where + ".Handler is empty"));
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        if (className.isEmpty() || methodName.isEmpty()) {
            throw new TemplateException(where + ".Handler must be 'package.Class::method', not '" + handler + "'");
        }
        Map<String, Object> environment = new LinkedHashMap<>(variables(globals, "Globals.Function"));
        environment.putAll(variables(properties, where));
        return new FunctionDefinition(id, className, methodName,
                number(properties, globals, "Timeout", DEFAULT_TIMEOUT_SECONDS, resolver, where),
                number(properties, globals, "MemorySize", DEFAULT_MEMORY_MB, resolver, where),
                environment, logging(properties, globals, resolver, where));
    }

    /**
     * LoggingConfig's format and levels, the function's own over Globals'. Its LogGroup names a
     * resource that only exists deployed; locally the logs go to stderr.
     */
    private static Map<String, String> logging(Map<String, Object> properties, Map<String, Object> globals,
                                               IntrinsicResolver resolver, String where) {
        Map<String, String> logging = new LinkedHashMap<>();
        for (Map<String, Object> owner : List.of(globals, properties)) {
            SamTemplate.optionalMap(owner, "LoggingConfig", where).ifPresent(config -> config.forEach((name, value) -> {
                if (LOGGING_KEYS.contains(name)) {
                    resolver.resolveText(value).ifPresent(text -> logging.put(name, text));
                }
            }));
        }
        return logging;
    }

    private static Map<String, Object> variables(Map<String, Object> owner, String where) {
        return SamTemplate.optionalMap(owner, "Environment", where)
                .flatMap(environment -> SamTemplate.optionalMap(environment, "Variables", where + ".Environment"))
                .orElse(Map.of());
    }

    private static int number(Map<String, Object> properties, Map<String, Object> globals, String name, int fallback,
                              IntrinsicResolver resolver, String where) {
        Object value = properties.getOrDefault(name, globals.get(name));
        if (value == null) {
            return fallback;
        }
        String text = resolver.resolveText(value).orElse(String.valueOf(fallback));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(where + "." + name + " must be a whole number, not '" + text + "'", e);
        }
    }

    private static Route route(String functionId, Map<String, Object> properties, IntrinsicResolver resolver, String where) {
        // An HttpApi event without Path and Method is SAM's catch-all $default route.
        Object path = properties.get("Path");
        Object method = properties.get("Method");
        if (path == null && method == null) {
            return Route.of(Route.ANY, Route.DEFAULT_ROUTE, functionId);
        }
        if (path == null || method == null) {
            throw new TemplateException(where + " needs both Path and Method (or neither, for $default)");
        }
        String methodText = resolver.resolveText(method).orElseThrow(() -> new TemplateException(where + ".Method is empty"));
        String pathText = resolver.resolveText(path).orElseThrow(() -> new TemplateException(where + ".Path is empty"));
        return Route.of(methodText, pathText, functionId);
    }

    /** The logical id of the HttpApi an event belongs to, or the implicit API's marker. */
    private static String apiId(Map<String, Object> properties, String where) {
        Object apiId = properties.get("ApiId");
        if (apiId == null) {
            return IMPLICIT_API;
        }
        if (apiId instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String name) {
            return name;
        }
        throw new TemplateException(where + ".ApiId must be a !Ref to an AWS::Serverless::HttpApi, not "
                + SamTemplate.describe(apiId));
    }

    private static Optional<CorsPolicy> cors(SamTemplate template, String apiId, IntrinsicResolver resolver) {
        Map<String, Object> globals = template.globals("HttpApi");
        Object configuration = globals.get("CorsConfiguration");
        if (!apiId.equals(IMPLICIT_API)) {
            Map<String, Object> api = template.resourcesOfType(HTTP_API_TYPE).get(apiId);
            if (api == null) {
                throw new TemplateException("routes refer to " + apiId + ", which is not an " + HTTP_API_TYPE + " of the template");
            }
            Map<String, Object> properties = SamTemplate.optionalMap(api, "Properties", "Resources." + apiId).orElse(Map.of());
            configuration = properties.getOrDefault("CorsConfiguration", configuration);
        }
        if (configuration == null || Boolean.FALSE.equals(configuration)) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(configuration)) {
            return Optional.of(CorsPolicy.allowAll());
        }
        String where = "CorsConfiguration of " + apiId;
        Map<String, Object> cors = SamTemplate.asMap(configuration, where);
        Object maxAge = cors.get("MaxAge");
        Optional<Integer> maxAgeSeconds;
        try {
            maxAgeSeconds = maxAge == null ? Optional.empty()
                    : resolver.resolveText(maxAge).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw new TemplateException(where + ".MaxAge must be a whole number of seconds, not " + maxAge, e);
        }
        Object allowCredentials = cors.get("AllowCredentials");
        return Optional.of(new CorsPolicy(
                list(cors, "AllowOrigins", resolver),
                list(cors, "AllowMethods", resolver),
                list(cors, "AllowHeaders", resolver),
                list(cors, "ExposeHeaders", resolver),
                maxAgeSeconds,
                allowCredentials != null && resolver.resolveText(allowCredentials).map(Boolean::parseBoolean).orElse(false)));
    }

    private static List<String> list(Map<String, Object> cors, String name, IntrinsicResolver resolver) {
        Object value = cors.get(name);
        return value == null ? List.of() : resolver.resolveList(value);
    }
}
