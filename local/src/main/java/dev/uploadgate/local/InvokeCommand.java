package dev.uploadgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code java -jar local.jar invoke FUNCTION --event FILE}: one event through one function, on the
 * same runtime path as the API (a Lambda runtime process, the embedded S3 server), its response
 * JSON on stdout and its logs on stderr, as {@code sam local invoke FUNCTION -e FILE} does; like
 * SAM, a function error is printed as the error document with exit code 0.
 */
final class InvokeCommand {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar local/target/local.jar invoke FUNCTION --event FILE [options]",
            "",
            "  FUNCTION             the function's logical id in template.yaml, e.g. CreateMultipartFunction",
            "  --event FILE         the event JSON, e.g. events/create-multipart.json (- reads stdin)",
            "  --env-vars FILE      environment overrides as SAM takes them: {\"Parameters\": {...} for every",
            "                       function, \"FUNCTION\": {...} for one}; only variables the template declares",
            "  --template PATH      SAM template (default ./template.yaml, else the copy in the jar)",
            "  --parameter K=V      a template parameter instead of its default (repeatable)",
            "  --data DIR           embedded S3 data folder (default .local-s3/)",
            "  --bucket NAME        bucket name (default uploads)");

    private InvokeCommand() {
    }

    /** The exit code: 0 when the function ran (answered or failed), 1 when it could not, 2 on a usage error. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = Request.parse(args);
        } catch (LocalOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(USAGE);
            return 2;
        }
        try {
            RuntimeEnvironment.Result result = invoke(request, err);
            out.write(result.body());
            out.println();
            out.flush();
            return 0;
        } catch (TemplateException | IOException | InvocationException e) {
            err.println("invoke failed: " + LocalMode.oneLine(e.getMessage()));
            return 1;
        } catch (Exception e) { // EmbeddedS3.start declares Exception (S3Proxy's own start does)
            err.println("invoke failed: " + LocalMode.oneLine(String.valueOf(e)));
            return 1;
        }
    }

    private static RuntimeEnvironment.Result invoke(Request request, PrintStream err) throws Exception {
        byte[] event = request.event().toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(request.event());
        try (Session session = Session.start(request.template(), request.parameters(), request.dataDir(), request.bucket(), 1, err)) {
            return session.invoke(request.function(), event, request.envVars());
        }
    }

    /**
     * What invocations need, started once: the template's functions, the embedded S3 server with
     * the bucket, and a pool of runtime environments. The command uses one for one event; tests run
     * every event file through one.
     */
    static final class Session implements AutoCloseable {
        private final TemplateRoutes api;
        private final IntrinsicResolver resolver;
        private final String source;
        private final EmbeddedS3 s3;
        private final String bucket;
        private final RuntimePool pool;

        private Session(TemplateRoutes api, IntrinsicResolver resolver, String source, EmbeddedS3 s3, String bucket, RuntimePool pool) {
            this.api = api;
            this.resolver = resolver;
            this.source = source;
            this.s3 = s3;
            this.bucket = bucket;
            this.pool = pool;
        }

        static Session start(Optional<Path> templateFile, Map<String, String> parameters, Path dataDir, String bucket,
                             int maxEnvironments, PrintStream log) throws Exception {
            SamTemplate template = LocalMode.template(templateFile, Path.of(""));
            IntrinsicResolver resolver = new IntrinsicResolver(template, IntrinsicResolver.localPseudoParameters(LocalMode.REGION), parameters);
            TemplateRoutes api = TemplateRoutes.read(template, resolver);
            RuntimeFiles files = RuntimeFiles.besideLocalMode();
            EmbeddedS3 s3 = EmbeddedS3.start(dataDir, 0, List.of());
            try {
                BucketSetup.ensureExists(s3.connection(), bucket, LocalMode.REGION);
                return new Session(api, resolver, template.source(), s3, bucket, new RuntimePool(maxEnvironments, files, log, Clock.systemUTC()));
            } catch (IOException | RuntimeException e) {
                s3.close();
                throw e;
            }
        }

        /** The function's answer to these event bytes, or its error document. */
        RuntimeEnvironment.Result invoke(String functionId, byte[] event, Optional<Path> envVars) {
            FunctionDefinition function = function(functionId);
            Map<String, String> environment = new LinkedHashMap<>(
                    LambdaEnvironment.of(function, resolver, LocalMode.overrides(s3.connection(), bucket)));
            envVars.ifPresent(file -> environment.putAll(envVars(file, function)));
            return pool.invokeRaw(function, environment, UUID.randomUUID().toString(), event);
        }

        FunctionDefinition function(String functionId) {
            return api.functions().stream()
                    .filter(candidate -> candidate.logicalId().equals(functionId))
                    .findFirst()
                    .orElseThrow(() -> new TemplateException("no function " + functionId + " in " + source
                            + "; its functions are " + api.functions().stream().map(FunctionDefinition::logicalId).toList()));
        }

        TemplateRoutes api() {
            return api;
        }

        S3Connection s3() {
            return s3.connection();
        }

        @Override
        public void close() throws IOException {
            try {
                pool.close();
            } finally {
                s3.close();
            }
        }
    }

    /**
     * SAM's --env-vars file: "Parameters" applies to every function, the function's own entry after
     * it; as in SAM, only variables the template declares for the function are set.
     */
    static Map<String, String> envVars(Path file, FunctionDefinition function) {
        JsonNode root;
        try {
            root = Json.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TemplateException("cannot read --env-vars " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String section : List.of("Parameters", function.logicalId())) {
            JsonNode values = root.path(section);
            for (Map.Entry<String, JsonNode> entry : values.properties()) {
                if (function.environment().containsKey(entry.getKey())) {
                    variables.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString());
                }
            }
        }
        return variables;
    }

    /** What the command line asked for. */
    record Request(String function, Path event, Optional<Path> envVars, Optional<Path> template, Map<String, String> parameters,
                   Path dataDir, String bucket) {
        static Request parse(List<String> args) throws LocalOptions.UsageException {
            if (args.isEmpty() || args.get(0).startsWith("-")) {
                throw new LocalOptions.UsageException("invoke needs the function's logical id first");
            }
            String function = args.get(0);
            Path event = null;
            Path envVars = null;
            List<String> localArgs = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                String flag = args.get(i);
                if ((flag.equals("--event") || flag.equals("-e") || flag.equals("--env-vars")) && i + 1 >= args.size()) {
                    throw new LocalOptions.UsageException(flag + " needs a value");
                }
                switch (flag) {
                    case "--event", "-e" -> event = Path.of(args.get(++i));
                    case "--env-vars" -> envVars = Path.of(args.get(++i));
                    default -> localArgs.add(flag);
                }
            }
            if (event == null) {
                throw new LocalOptions.UsageException("invoke needs --event FILE");
            }
            // The flags shared with local mode are parsed, and checked, by its parser.
            LocalOptions shared = LocalOptions.parse(localArgs);
            if (shared.externalS3().isPresent() || !shared.iamUsers().isEmpty() || shared.inProcess()) {
                throw new LocalOptions.UsageException("invoke takes --template, --parameter, --data and --bucket of local mode's options");
            }
            return new Request(function, event, Optional.ofNullable(envVars), shared.template(), shared.parameters(),
                    shared.dataDir(), shared.bucket());
        }
    }
}
