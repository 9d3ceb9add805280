package dev.uploadgate.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment a handler runs with locally: the template's variables resolved to parameter
 * defaults, then local mode's overrides (bucket, S3 endpoint, region, credentials), then what the
 * Lambda runtime itself would set. Nothing from the process's own environment leaks in, so a
 * handler sees locally what it would see deployed.
 */
final class LambdaEnvironment {
    private LambdaEnvironment() {
    }

    /**
     * @throws TemplateException naming the variable, when a value can neither be resolved nor is overridden
     */
    static Map<String, String> of(FunctionDefinition function, IntrinsicResolver resolver, Map<String, String> overrides) {
        Map<String, String> environment = new TreeMap<>();
        function.environment().forEach((name, value) -> {
            if (overrides.containsKey(name)) {
                return;
            }
            Optional<String> resolved;
            try {
                resolved = resolver.resolveText(value);
            } catch (TemplateException e) {
                throw new TemplateException("environment variable " + name + " of " + function.logicalId()
                        + " cannot be resolved locally: " + e.getMessage(), e);
            }
            resolved.ifPresent(text -> environment.put(name, text));
        });
        environment.putAll(overrides);
        runtimeVariables(function, overrides).forEach(environment::putIfAbsent);
        return Map.copyOf(environment);
    }

    /** A few of the variables the Lambda runtime sets for every function. */
    private static Map<String, String> runtimeVariables(FunctionDefinition function, Map<String, String> overrides) {
        Map<String, String> runtime = new LinkedHashMap<>();
        runtime.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        runtime.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        runtime.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memoryMb()));
        String region = overrides.get("AWS_REGION");
        if (region != null) {
            runtime.put("AWS_DEFAULT_REGION", region);
        }
        return runtime;
    }
}
