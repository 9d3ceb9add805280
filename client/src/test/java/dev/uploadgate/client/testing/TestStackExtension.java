package dev.uploadgate.client.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one {@link TestStack} for the whole run (started on first use, closed by
 * JUnit at the end), reset before every test. Tests keep apart by their keys, random per upload.
 */
public final class TestStackExtension implements ParameterResolver, BeforeEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stack(context).reset();
    }

    private static TestStack stack(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TestStackExtension.class))
                .getOrComputeIfAbsent(TestStack.class, type -> startStack(), TestStack.class);
    }

    private static TestStack startStack() {
        try {
            return TestStack.start();
        } catch (Exception e) { // S3Proxy.start() declares Exception
            throw new IllegalStateException("the test stack did not start", e);
        }
    }
}
