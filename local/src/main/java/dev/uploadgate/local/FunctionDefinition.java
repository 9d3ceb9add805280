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
 * @param logging       LoggingConfig of the function or Globals (LogFormat, ApplicationLogLevel,
 *                      SystemLogLevel), resolved; empty when neither sets it
 */
record FunctionDefinition(String logicalId, String handlerClass, String handlerMethod, int timeoutSeconds,
                          int memoryMb, Map<String, Object> environment, Map<String, String> logging) {
    FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(handlerMethod, "handlerMethod");
        environment = Map.copyOf(environment);
        logging = Map.copyOf(logging);
    }

    FunctionDefinition(String logicalId, String handlerClass, String handlerMethod, int timeoutSeconds,
                       int memoryMb, Map<String, Object> environment) {
        this(logicalId, handlerClass, handlerMethod, timeoutSeconds, memoryMb, environment, Map.of());
    }

    /** The template's Handler string, as the runtime interface client takes it. */
    String handler() {
        return handlerClass + "::" + handlerMethod;
    }
}
