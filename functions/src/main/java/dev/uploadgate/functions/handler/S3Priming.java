package dev.uploadgate.functions.handler;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart priming of an operation's S3 calls: its requests run through a twin of its handler
 * wired exactly as the real one, except that the twin's S3 client (same configuration, fixed fake
 * credentials, keys under a fixed id) sends its requests to {@link CannedS3} instead of the
 * network. Event reading, the service, {@code S3Uploads}, the SDK's endpoint rules, marshalling,
 * signing and response parsing, and the JSON answer all run for real. The twin and its client are
 * closed before the snapshot is taken: what stays is loaded classes, compiled code and the JSON
 * serializers, shared with the real handler.
 */
@FunctionalInterface
interface S3Priming {
    /** For a handler built around a given operation (tests, benchmarks, the twin itself). */
    S3Priming NONE = requests -> List.of();

    /** Runs the requests (payload 2.0 event JSON) and returns each one's status. */
    List<Integer> prime(List<byte[]> requests);

    /**
     * @param wiring the real handler's wiring, whose configuration the twin's client copies
     * @param twin   builds the handler from a wiring; it must not register for checkpoints
     * @param http   makes the in-memory HTTP client, once per priming
     */
    static S3Priming offline(Wiring wiring, Function<Wiring, HttpApiHandler> twin, Supplier<CannedS3> http) {
        Objects.requireNonNull(wiring, "wiring");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(http, "http");
        return requests -> {
            try (CannedS3 canned = http.get(); S3Client s3 = wiring.primingS3Client(canned)) {
                return twin.apply(wiring.forPriming(s3)).answer(requests);
            }
        };
    }
}
