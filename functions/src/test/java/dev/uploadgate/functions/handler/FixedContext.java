package dev.uploadgate.functions.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.Objects;

/**
 * A Lambda context of fixed values around a given logger, for invocations outside Lambda's
 * runtime: SnapStart priming, tests and benchmarks. The handlers read only its logger (request
 * log lines); the other values only have to be plausible.
 */
public class FixedContext implements Context {
    private final String functionName;
    private final String requestId;
    private final LambdaLogger logger;

    public FixedContext(String functionName, String requestId, LambdaLogger logger) {
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return functionName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
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
        return 15_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
