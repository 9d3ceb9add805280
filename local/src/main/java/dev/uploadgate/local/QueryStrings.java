package dev.uploadgate.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place local mode decodes a query string, for the gateway's events and the embedded S3
 * server's filter alike: '&'-separated pairs, names and values percent-decoded as UTF-8 with '+'
 * as a space (form encoding, as browsers' URLSearchParams send it), strictly.
 */
final class QueryStrings {
    private QueryStrings() {
    }

    /** One name=value pair, decoded; a pair without '=' has an empty value. */
    record Pair(String name, String value) {
    }

    /** Every pair in order; empty when any name or value is not valid percent-encoded UTF-8. */
    static Optional<List<Pair>> pairs(String rawQuery) {
        List<Pair> pairs = new ArrayList<>();
        if (rawQuery == null) {
            return Optional.of(pairs);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            Optional<String> name = PercentDecoding.query(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = PercentDecoding.query(equals < 0 ? "" : pair.substring(equals + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            pairs.add(new Pair(name.get(), value.get()));
        }
        return Optional.of(pairs);
    }

    /**
     * Names to values as payload 2.0 carries them: a name given more than once gets its values
     * joined with "," (as its documentation says). Empty when the query is malformed.
     */
    static Optional<Map<String, String>> parse(String rawQuery) {
        return pairs(rawQuery).map(pairs -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            pairs.forEach(pair -> parameters.merge(pair.name(), pair.value(), (first, second) -> first + "," + second));
            return parameters;
        });
    }
}
