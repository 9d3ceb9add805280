package dev.uploadgate.local;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the route for a request the way API Gateway HTTP APIs do: among the routes that match,
 * the most specific wins. Position by position a literal segment beats a {param}, which beats a
 * greedy {param+}; then an exact method beats ANY; {@code $default} only catches the rest. So
 * {@code GET /s3/multipart/X/batch} goes to the batch route, never to {partNumber}.
 */
final class RouteMatcher {
    private final List<Route> routes;

    RouteMatcher(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param method   the request's method
     * @param segments the request path, already percent-decoded, split at '/' (empty for "/")
     */
    Optional<RouteMatch> match(String method, List<String> segments) {
        return routes.stream()
                .filter(route -> route.method().equals(method) || route.method().equals(Route.ANY))
                .map(route -> bind(route, segments))
                .flatMap(Optional::stream)
                .min(Comparator.comparing(RouteMatch::route, RouteMatcher::bySpecificity));
    }

    /** Negative when {@code a} is the more specific route. */
    static int bySpecificity(Route a, Route b) {
        if (a.isDefault() != b.isDefault()) {
            return a.isDefault() ? 1 : -1;
        }
        int common = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < common; i++) {
            int order = a.segments().get(i).kind().compareTo(b.segments().get(i).kind());
            if (order != 0) {
                return order;
            }
        }
        // Same kinds so far: the longer path matched more literally (a greedy tail covers the rest).
        int length = Integer.compare(b.segments().size(), a.segments().size());
        if (length != 0) {
            return length;
        }
        return Boolean.compare(a.method().equals(Route.ANY), b.method().equals(Route.ANY));
    }

    private static Optional<RouteMatch> bind(Route route, List<String> segments) {
        if (route.isDefault()) {
            return Optional.of(new RouteMatch(route, Map.of()));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<Route.Segment> pattern = route.segments();
        for (int i = 0; i < pattern.size(); i++) {
            Route.Segment segment = pattern.get(i);
            if (segment.kind() == Route.Segment.Kind.GREEDY) {
                // {proxy+} takes one or more of the remaining segments, slashes included.
                if (i >= segments.size() || segments.subList(i, segments.size()).stream().anyMatch(String::isEmpty)) {
                    return Optional.empty();
                }
                parameters.put(segment.text(), String.join("/", segments.subList(i, segments.size())));
                return Optional.of(new RouteMatch(route, parameters));
            }
            if (i >= segments.size()) {
                return Optional.empty();
            }
            String actual = segments.get(i);
            if (segment.kind() == Route.Segment.Kind.LITERAL) {
                if (!segment.text().equals(actual)) {
                    return Optional.empty();
                }
            } else if (actual.isEmpty()) {
                return Optional.empty();
            } else {
                parameters.put(segment.text(), actual);
            }
        }
        return segments.size() == pattern.size() ? Optional.of(new RouteMatch(route, parameters)) : Optional.empty();
    }

    /**
     * A route with the path parameters it bound.
     *
     * @param route          the route that matched
     * @param pathParameters parameter name to its percent-decoded value
     */
    record RouteMatch(Route route, Map<String, String> pathParameters) {
        RouteMatch {
            pathParameters = Map.copyOf(pathParameters);
        }
    }
}
