package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** A handler with a bug: it throws instead of rendering an error, so the gateway's 500 can be tested. */
public final class FailingHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("deliberate failure in a test handler");
    }
}
