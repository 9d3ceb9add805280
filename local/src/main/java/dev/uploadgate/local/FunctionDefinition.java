package dev.uploadgate.local;

import java.util.Map;
import java.util.Objects;

/**
 * What local mode needs of one {@code AWS::Serverless::Function}.
 *
 * @param logicalId     the template's name for it, also its function name in the Lambda context
 * @param handlerClass  class named by Handler ({@code class::method})
 * @param handlerMethod method named by Handler; {@code handleRequest} when Handler names only a class
 * @param timeoutSeconds Timeout, from the function or Globals (SAM's default 3)
 * @param memoryMb      MemorySize, from the function or Globals (SAM's default 128)
 * @param environment   Environment.Variables of Globals and the function, still unresolved
 */
record FunctionDefinition(String logicalId, String handlerClass, String handlerMethod, int timeoutSeconds,
                          int memoryMb, Map<String, Object> environment) {
    FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(handlerMethod, "handlerMethod");
        environment = Map.copyOf(environment);
    }
}
