package dev.uploadgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * One function's handler, loaded by the class name in the template and constructed once, as a
 * Lambda execution environment would: through its public constructor that takes the environment
 * as a {@code Map<String, String>}, so it runs with local mode's variables instead of the process's.
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
            method = type.getMethod(function.handlerMethod(), APIGatewayV2HTTPEvent.class, Context.class);
        } catch (NoSuchMethodException e) {
            throw new TemplateException(name + " has no public method " + function.handlerMethod()
                    + "(APIGatewayV2HTTPEvent, Context)", e);
        }
        if (!APIGatewayV2HTTPResponse.class.isAssignableFrom(method.getReturnType()) || Modifier.isStatic(method.getModifiers())) {
            throw new TemplateException(name + "." + function.handlerMethod()
                    + " must be an instance method returning APIGatewayV2HTTPResponse");
        }
        Object handler;
        try {
            Constructor<?> constructor = type.getConstructor(Map.class);
            handler = constructor.newInstance(environment);
        } catch (NoSuchMethodException e) {
            throw new TemplateException(name + " has no public constructor taking the environment as a Map<String, String>", e);
        } catch (InvocationTargetException e) {
            throw new TemplateException(name + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TemplateException(name + " cannot be constructed: " + e, e);
        }
        return new HandlerInvoker(function, handler, method);
    }

    FunctionDefinition function() {
        return function;
    }

    /**
     * @throws HandlerFailedException wrapping whatever the handler threw
     */
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return (APIGatewayV2HTTPResponse) method.invoke(handler, event, context);
        } catch (InvocationTargetException e) {
            throw new HandlerFailedException(function.logicalId() + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new HandlerFailedException(function.logicalId() + " could not be called: " + e, e);
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
