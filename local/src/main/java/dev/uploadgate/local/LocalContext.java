package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lambda context of one local invocation: the function's name and limits, a request id, the
 * time left before the function's Timeout, and a logger that writes to stderr as CloudWatch would
 * receive it.
 */
final class LocalContext implements Context {
    private final FunctionDefinition function;
    private final String requestId;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    LocalContext(FunctionDefinition function, String requestId, Clock clock, PrintStream log) {
        this.function = function;
        this.requestId = requestId;
        this.clock = clock;
        this.deadline = clock.instant().plusSeconds(function.timeoutSeconds());
        this.logger = new StreamLogger(log, function.logicalId(), requestId);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.logicalId();
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:" + EventFactory.ACCOUNT_ID + ":function:" + function.logicalId();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** Each log call is one line group on the stream, tagged with the function and request. */
    private static final class StreamLogger implements LambdaLogger {
        private final PrintStream out;
        private final String prefix;

        StreamLogger(PrintStream out, String functionName, String requestId) {
            this.out = out;
            this.prefix = "[" + functionName + " " + requestId + "] ";
        }

        @Override
        public void log(String message) {
            out.println(prefix + message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
