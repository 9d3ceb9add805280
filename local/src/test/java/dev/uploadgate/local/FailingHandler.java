package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** A handler with a bug: it throws instead of rendering an error, so the gateway's 500 can be tested. */
public final class FailingHandler implements RequestStreamHandler {

    public FailingHandler(Map<String, String> environment) {
        // The environment is not needed; the constructor exists because local mode requires it.
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("deliberate failure in a test handler");
    }
}
