package dev.uploadgate.functions.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crac.Resource;

/**
 * The child JVM of the cold-start benchmark: what the Lambda runtime does on a cold start, in the
 * same order. It constructs the handler with its public no-argument constructor (the environment
 * is the process's), reads the event file with the runtime's own event serializer, invokes the
 * handler once, serializes the response the same way, and prints {@code RESPONSE status bytes}.
 * Only after that line is out does it count the loaded classes, so the count costs no time in the
 * measured span.
 *
 * <p>Arguments: handler class name, event file, and optionally {@code primed}: then the handler's
 * SnapStart priming ({@code beforeCheckpoint}) runs first, as before a snapshot, and the launcher
 * also prints {@code AFTER_PRIME_MS}, the time from the end of priming to the response: what a
 * restored snapshot still has to do for its first request (the restore itself not included).
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader loader = ColdStartLauncher.class.getClassLoader();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(loader.loadClass(args[0]));
        boolean primed = args.length > 2 && args[2].equals("primed");
        if (primed) {
            ((Resource) handler).beforeCheckpoint(null);
        }
        long restored = System.nanoTime();
        PojoSerializer<APIGatewayV2HTTPEvent> events = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        PojoSerializer<APIGatewayV2HTTPResponse> responses = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);
        APIGatewayV2HTTPEvent event;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            event = events.fromJson(in);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new StderrContext());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        responses.toJson(response, json);
        long answeredAt = System.currentTimeMillis();
        long afterPrime = System.nanoTime() - restored;
        System.out.println("RESPONSE " + response.getStatusCode() + " " + json.size());
        System.out.flush();
        if (primed) {
            System.out.println("AFTER_PRIME_MS " + afterPrime / 1e6);
        }
        System.out.println("JVM_MS " + (answeredAt - ManagementFactory.getRuntimeMXBean().getStartTime()));
        System.out.println("CLASSES " + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        System.out.flush();
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Class<?> type) throws Exception {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) type.getConstructor().newInstance();
    }

    /** Lambda writes function logs to its log pipe; here they go to stderr, which the parent keeps. */
    private static final class StderrContext implements Context {
        private static final LambdaLogger LOGGER = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };

        @Override
        public String getAwsRequestId() {
            return "cold-start-bench";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:bench:live";
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
            return LOGGER;
        }
    }
}
