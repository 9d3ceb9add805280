package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SnapStart priming: before the snapshot, a function runs its own requests through its whole path
 * (event reading, validation, presigning, the SDK's S3 calls, JSON writing), so a restored function
 * answers its first request with loaded classes and compiled code.
 *
 * <p>The requests are data: payload 2.0 events in {@code priming/<operation>.json} (variants of
 * the files in {@code events/}), where {@code ${keyPrefix}} stands for the configured prefix. The
 * handler answers them with a twin of its service, built by the same code from a
 * {@link Wiring#forPriming twin wiring}: fixed fake credentials (so priming never resolves the
 * function's own, which under SnapStart would call Lambda's credentials endpoint and keep the
 * answer in the snapshot), keys under a fixed id (no random state kept), and an S3 client whose
 * HTTP client is {@link CannedS3}, which answers in memory and never opens a socket. The twin and
 * its client are closed before the snapshot; what stays is loaded classes, compiled code and the
 * JSON serializers.
 *
 * @param <S> the service the handler calls
 */
final class Priming<S> {
    /** Priming writes no log lines: there is no request to account for. */
    static final LambdaLogger SILENT = new LambdaLogger() {
        @Override
        public void log(String message) {
            // Priming's request log lines would only say that priming ran.
        }

        @Override
        public void log(byte[] message) {
            // As above.
        }
    };

    private final Wiring wiring;
    private final String operation;
    private final Function<Wiring, S> serviceOf;
    private final Supplier<CannedS3> s3;

    /**
     * @param wiring    the handler's wiring, whose configuration the twin copies
     * @param operation names the resource with the requests, such as {@code CreateMultipart}
     * @param serviceOf builds the service from a wiring, as the handler's own was built
     */
    Priming(Wiring wiring, String operation, Function<Wiring, S> serviceOf) {
        this(wiring, operation, serviceOf, CannedS3::new);
    }

    /** @param s3 makes the in-memory S3, once per run (tests keep it to see the calls made) */
    Priming(Wiring wiring, String operation, Function<Wiring, S> serviceOf, Supplier<CannedS3> s3) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.serviceOf = Objects.requireNonNull(serviceOf, "serviceOf");
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /** Gives a twin service on the in-memory S3 to {@code use}, then closes the twin's S3 client. */
    <R> R withTwin(Function<S, R> use) {
        try (CannedS3 canned = s3.get(); S3Client client = wiring.primingS3Client(canned)) {
            return use.apply(serviceOf.apply(wiring.forPriming(client)));
        }
    }

    /** The operation's priming events as JSON bytes, with the configured key prefix put in. */
    List<byte[]> requests() {
        String prefix = wiring.keyPrefix();
        String text;
        try (InputStream in = Priming.class.getResourceAsStream("/priming/" + operation + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no priming requests for " + operation);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("priming requests of " + operation + " could not be read", e);
        }
        String inJson = Json.write(prefix);
        text = text.replace("${keyPrefix:url}", URLEncoder.encode(prefix, StandardCharsets.UTF_8))
                .replace("${keyPrefix}", inJson.substring(1, inJson.length() - 1));
        List<byte[]> events = new ArrayList<>();
        try {
            for (JsonNode event : Json.read(text)) {
                events.add(Json.writeBytes(event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("priming requests of " + operation + " are not JSON", e);
        }
        return events;
    }
}
