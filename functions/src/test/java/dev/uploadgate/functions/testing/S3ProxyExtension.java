package dev.uploadgate.functions.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one {@link S3ProxyServer} shared by the whole test run (started on first
 * use, closed by JUnit at the end), so integration tests don't each pay for a server start.
 * Tests keep apart by their keys, which are random per upload.
 */
public final class S3ProxyExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(S3ProxyExtension.class))
                .getOrComputeIfAbsent(S3ProxyServer.class, type -> startServer(), S3ProxyServer.class);
    }

    private static S3ProxyServer startServer() {
        try {
            return S3ProxyServer.start();
        } catch (Exception e) { // S3Proxy.start() declares Exception
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }
}
