package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One function's handler, loaded by the class name in the template and constructed once, as a
 * Lambda execution environment would: with its public no-argument constructor. A handler that
 * reads its environment offers a public static {@code inEnvironment(Map<String, String>, Supplier)}
 * (ours inherit {@code HttpApiHandler.inEnvironment}); the constructor is then called through it,
 * so the handler reads local mode's variables instead of this process's.
 *
 * <p>The handlers are stream handlers, and are called as Lambda calls them: the event's JSON bytes
 * in, the response's JSON bytes out. The event is written to JSON, and the response read back, with
 * the Lambda runtime's own event serializer, so the handler sees the JSON a deployed function gets.
 */
final class HandlerInvoker {
    private final FunctionDefinition function;
    private final Object handler;
    private final Method method;

    private HandlerInvoker(FunctionDefinition function, Object handler, Method method) {
        this.function = function;
        this.handler = handler;
        this.method = method;
    }

    /**
     * @throws TemplateException when the class or method is missing or the constructor fails,
     *                           naming the function
     */
    static HandlerInvoker load(FunctionDefinition function, Map<String, String> environment, ClassLoader loader) {
        String name = function.logicalId() + " (" + function.handlerClass() + ")";
        Class<?> type;
        try {
            type = Class.forName(function.handlerClass(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new TemplateException("handler class of " + name + " cannot be loaded: " + e, e);
        }
        Method method;
        try {
            method = type.getMethod(function.handlerMethod(), InputStream.class, OutputStream.class, Context.class);
        } catch (NoSuchMethodException e) {
            throw new TemplateException(name + " has no public method " + function.handlerMethod()
                    + "(InputStream, OutputStream, Context): local mode runs stream handlers", e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw new TemplateException(name + "." + function.handlerMethod() + " must be an instance method");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new TemplateException(name + " has no public no-argument constructor, which Lambda needs", e);
        }
        Object handler;
        try {
            Optional<Method> inEnvironment = inEnvironment(type);
            handler = inEnvironment.isPresent()
                    ? inEnvironment.get().invoke(null, environment, (Supplier<Object>) () -> construct(constructor))
                    : constructor.newInstance();
        } catch (InvocationTargetException e) {
            // Through inEnvironment, the constructor's own failure arrives wrapped once more.
            Throwable cause = e.getCause() instanceof ConstructionFailed failed ? failed.getCause() : e.getCause();
            throw new TemplateException(name + " failed to start: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new TemplateException(name + " cannot be constructed: " + e, e);
        }
        return new HandlerInvoker(function, handler, method);
    }

    /** The handler's public static {@code inEnvironment(Map, Supplier)}, when it has one. */
    private static Optional<Method> inEnvironment(Class<?> type) {
        try {
            Method method = type.getMethod("inEnvironment", Map.class, Supplier.class);
            return Modifier.isStatic(method.getModifiers()) ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Object construct(Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new ConstructionFailed(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConstructionFailed(e);
        }
    }

    /** Carries a constructor's failure out of the supplier {@code inEnvironment} calls. */
    private static final class ConstructionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConstructionFailed(Throwable cause) {
            super(cause);
        }
    }

    FunctionDefinition function() {
        return function;
    }

    /**
     * @throws HandlerFailedException wrapping whatever the handler threw, or when what it wrote is
     *                                not a payload 2.0 response
     */
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, Context context) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            method.invoke(handler, new ByteArrayInputStream(LambdaJson.event(event)), response, context);
        } catch (InvocationTargetException e) {
            throw new HandlerFailedException(function.logicalId() + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new HandlerFailedException(function.logicalId() + " could not be called: " + e, e);
        }
        return read(response.toByteArray());
    }

    private APIGatewayV2HTTPResponse read(byte[] response) {
        try {
            return LambdaJson.response(response);
        } catch (RuntimeException e) {
            // The serializer's own (shaded) parse exceptions; API Gateway answers such output with a 500.
            throw new HandlerFailedException(function.logicalId() + " wrote a response that is not payload 2.0 JSON: " + e, e);
        }
    }

    /** The handler threw instead of answering: a bug in the handler, which should render its own errors. */
    static final class HandlerFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
