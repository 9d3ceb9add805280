package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP API route of the template: {@code GET /s3/multipart/{uploadId}/batch} to a function.
 *
 * @param method     upper-case HTTP method, or {@code ANY}
 * @param path       the path as the template writes it, or {@code $default}
 * @param segments   the path split at '/', each a literal, a {param} or a greedy {param+}
 * @param functionId logical id of the function the route invokes
 */
record Route(String method, String path, List<Segment> segments, String functionId) {
    static final String ANY = "ANY";
    static final String DEFAULT_ROUTE = "$default";

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        segments = List.copyOf(segments);
        Objects.requireNonNull(functionId, "functionId");
    }

    static Route of(String method, String path, String functionId) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        if (path.equals(DEFAULT_ROUTE)) {
            return new Route(ANY, path, List.of(), functionId);
        }
        if (!path.startsWith("/")) {
            throw new TemplateException("route path '" + path + "' of " + functionId + " must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (path.equals("/")) {
                break;
            }
            Segment segment = Segment.parse(parts[i], path);
            if (segment.kind() == Segment.Kind.GREEDY && i != parts.length - 1) {
                throw new TemplateException("route path '" + path + "': a greedy {" + segment.text() + "+} must be last");
            }
            segments.add(segment);
        }
        return new Route(upperMethod, path, segments, functionId);
    }

    /** How API Gateway names the route in the event: {@code "GET /s3/params"} or {@code "$default"}. */
    String routeKey() {
        return isDefault() ? DEFAULT_ROUTE : method + " " + path;
    }

    boolean isDefault() {
        return path.equals(DEFAULT_ROUTE);
    }

    /**
     * One '/'-separated part of a route path.
     *
     * @param kind what the part matches
     * @param text the literal text, or the parameter's name
     */
    record Segment(Kind kind, String text) {
        /** In order of precedence: a literal beats a parameter, which beats a greedy parameter. */
        enum Kind { LITERAL, PARAMETER, GREEDY }

        static Segment parse(String part, String path) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                name = greedy ? name.substring(0, name.length() - 1) : name;
                if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
                    throw new TemplateException("route path '" + path + "' has a malformed parameter '" + part + "'");
                }
                return new Segment(greedy ? Kind.GREEDY : Kind.PARAMETER, name);
            }
            if (part.isEmpty() || part.contains("{") || part.contains("}")) {
                throw new TemplateException("route path '" + path + "' has an empty or malformed segment '" + part + "'");
            }
            return new Segment(Kind.LITERAL, part);
        }
    }
}
