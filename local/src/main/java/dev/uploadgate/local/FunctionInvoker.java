package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Runs one function's invocations: in Lambda runtime processes ({@link RuntimePool}, the default)
 * or in this JVM ({@link InProcessInvoker}, with {@code --in-process}).
 */
interface FunctionInvoker extends AutoCloseable {
    FunctionDefinition function();

    /**
     * @param requestId the invocation's request id (the Lambda context's aws request id)
     * @throws InvocationException when the function failed, timed out or could not run
     */
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, String requestId);

    @Override
    void close();
}
