package dev.uploadgate.functions.testing;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.uploadgate.functions.handler.FixedContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda context whose logger keeps every line, so tests can read what a function logged. */
public final class RecordingContext extends FixedContext {
    private final List<String> lines;

    public RecordingContext() {
        this(new CopyOnWriteArrayList<>());
    }

    private RecordingContext(List<String> lines) {
        super("test", "test-request", new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, StandardCharsets.UTF_8));
            }
        });
        this.lines = lines;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
