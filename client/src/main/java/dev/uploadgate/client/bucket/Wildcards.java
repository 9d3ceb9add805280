package dev.uploadgate.client.bucket;

import java.util.Collection;
import java.util.Locale;

/** S3's CORS matching: an allowed origin or header may hold one {@code *}, which matches any run of characters. */
final class Wildcards {
    private Wildcards() {
    }

    static boolean anyMatches(Collection<String> patterns, String value, boolean ignoreCase) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, value, ignoreCase));
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String head = p.substring(0, star);
        String tail = p.substring(star + 1);
        return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
    }
}
