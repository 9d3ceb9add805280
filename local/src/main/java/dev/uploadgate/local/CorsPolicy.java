package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP API's CorsConfiguration, applied as API Gateway applies it: API Gateway itself answers
 * preflights for allowed origins, and adds the CORS headers to every other response, replacing
 * any the function returned.
 *
 * @param allowOrigins     origins, or "*"
 * @param allowMethods     methods a preflight lists
 * @param allowHeaders     request headers a preflight allows
 * @param exposeHeaders    response headers scripts may read
 * @param maxAge           seconds a browser may cache a preflight
 * @param allowCredentials whether credentials may be sent
 */
record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                  List<String> exposeHeaders, Optional<Integer> maxAge, boolean allowCredentials) {

    CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
        Objects.requireNonNull(maxAge, "maxAge");
    }

    /** {@code CorsConfiguration: true}: SAM's shorthand for every origin, method and header. */
    static CorsPolicy allowAll() {
        return new CorsPolicy(List.of("*"), List.of("*"), List.of("*"), List.of(), Optional.empty(), false);
    }

    /** The same policy with more allowed origins (local mode adds its own page's origin). */
    CorsPolicy withOrigins(List<String> extraOrigins) {
        List<String> origins = new ArrayList<>(allowOrigins);
        extraOrigins.stream().filter(origin -> !origins.contains(origin)).forEach(origins::add);
        return new CorsPolicy(origins, allowMethods, allowHeaders, exposeHeaders, maxAge, allowCredentials);
    }

    boolean allowsOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        // Origins are scheme://host[:port]; scheme and host are case-insensitive.
        String normalized = origin.toLowerCase(Locale.ROOT);
        return allowOrigins.stream().anyMatch(allowed -> allowed.equals("*") || allowed.toLowerCase(Locale.ROOT).equals(normalized));
    }

    /** Whether a request is a CORS preflight rather than a plain OPTIONS call. */
    static boolean isPreflight(String method, String origin, String requestMethod) {
        return method.equals("OPTIONS") && origin != null && requestMethod != null;
    }

    /** Headers of the 204 answer to a preflight; empty (no CORS headers at all) for an origin not allowed. */
    Map<String, String> preflightHeaders(String origin) {
        if (!allowsOrigin(origin)) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>(originHeaders(origin));
        if (!allowMethods.isEmpty()) {
            headers.put("Access-Control-Allow-Methods", String.join(",", allowMethods));
        }
        if (!allowHeaders.isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(",", allowHeaders));
        }
        maxAge.ifPresent(seconds -> headers.put("Access-Control-Max-Age", String.valueOf(seconds)));
        return headers;
    }

    /** CORS headers of an ordinary response; empty for an origin not allowed. */
    Map<String, String> responseHeaders(String origin) {
        if (!allowsOrigin(origin)) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>(originHeaders(origin));
        if (!exposeHeaders.isEmpty()) {
            headers.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
        }
        return headers;
    }

    private Map<String, String> originHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        boolean wildcard = allowOrigins.contains("*") && !allowCredentials;
        headers.put("Access-Control-Allow-Origin", wildcard ? "*" : origin);
        if (!wildcard) {
            // The answer depends on the Origin header: shared caches must not serve it to another origin.
            headers.put("Vary", "Origin");
        }
        if (allowCredentials) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }
}
