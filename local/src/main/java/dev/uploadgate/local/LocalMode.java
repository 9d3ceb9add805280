package dev.uploadgate.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local.jar}: the API on 127.0.0.1 as it runs deployed. Reads template.yaml,
 * starts the embedded S3 server (or uses --s3-endpoint), constructs each function's handler once
 * with its environment, and serves the routes and the demo page until stopped (Ctrl-C or SIGTERM).
 * Stdout carries only the two "ready" lines; everything else goes to stderr.
 */
public final class LocalMode implements AutoCloseable {
    static final String REGION = "us-east-1";
    private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);

    private final LambdaGateway gateway;
    private final Optional<EmbeddedS3> embeddedS3;
    private final Optional<RuntimePool> runtimes;
    private final S3Connection s3;
    private final String bucket;

    private LocalMode(LambdaGateway gateway, Optional<EmbeddedS3> embeddedS3, Optional<RuntimePool> runtimes, S3Connection s3,
                      String bucket) {
        this.gateway = gateway;
        this.embeddedS3 = embeddedS3;
        this.runtimes = runtimes;
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("invoke")) {
            System.exit(InvokeCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(Arrays.asList(args));
        } catch (LocalOptions.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        LocalMode running;
        try {
            running = start(options, Path.of(""));
        } catch (TemplateException e) {
            System.err.println("local mode cannot start: " + oneLine(e.getMessage()));
            System.exit(1);
            return;
        } catch (IOException e) {
            // A port in use (BindException, naming the port and its flag), a data folder that cannot be created.
            System.err.println("local mode cannot start: " + oneLine(e.getMessage()));
            System.exit(1);
            return;
        } catch (Exception e) {
            LOG.error("local mode cannot start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::closeQuietly, "local-mode-shutdown"));
        running.printReady(System.out);
    }

    /**
     * Starts everything and returns once requests are answered.
     *
     * Public so other modules' tests can run the gateway in their JVM (the client's tests do, with
     * --in-process).
     *
     * @param workDir where ./template.yaml and ./web/ are looked for when no --template is given
     */
    public static LocalMode start(LocalOptions options, Path workDir) throws Exception {
        SamTemplate template = template(options.template(), workDir);
        // Before anything listens: a missing build fails at once, in one line.
        Optional<RuntimeFiles> runtimeFiles = options.inProcess() ? Optional.empty() : Optional.of(RuntimeFiles.besideLocalMode());
        IntrinsicResolver resolver = new IntrinsicResolver(template, IntrinsicResolver.localPseudoParameters(REGION), options.parameters());
        TemplateRoutes api = TemplateRoutes.read(template, resolver);
        // Fail on an unresolvable variable before starting anything; the real values come later.
        Map<String, String> placeholders = overrides(new S3Connection(URI.create("http://127.0.0.1"), "-", "-"), options.bucket());
        api.functions().forEach(function -> LambdaEnvironment.of(function, resolver, placeholders));
        Path webDir = workDir.resolve("web");
        StaticFiles staticFiles = Files.isDirectory(webDir) ? StaticFiles.fromDirectory(webDir)
                : StaticFiles.bundled(LocalMode.class.getClassLoader());

        LambdaGateway gateway = LambdaGateway.bind(options.port());
        Optional<EmbeddedS3> embedded = Optional.empty();
        Optional<RuntimePool> runtimes = Optional.empty();
        try {
            // The demo page lives at the gateway's own origin, under either loopback name.
            List<String> ownOrigins = List.of("http://127.0.0.1:" + gateway.port(), "http://localhost:" + gateway.port());
            S3Connection s3;
            if (options.externalS3().isPresent()) {
                LocalOptions.ExternalS3 external = options.externalS3().get();
                s3 = new S3Connection(external.endpoint(), external.accessKey(), external.secretKey());
            } else {
                List<String> bucketOrigins = new ArrayList<>(BucketOrigins.of(template, resolver));
                ownOrigins.stream().filter(origin -> !bucketOrigins.contains(origin)).forEach(bucketOrigins::add);
                embedded = Optional.of(EmbeddedS3.start(options.dataDir(), options.s3Port(), bucketOrigins));
                s3 = embedded.get().connection();
                LOG.info("embedded S3 at {}, files under {}, CORS origins {}", s3.endpoint(),
                        options.dataDir().toAbsolutePath().normalize(), bucketOrigins);
            }
            if (BucketSetup.ensureExists(s3, options.bucket(), REGION)) {
                LOG.info("created bucket {}", options.bucket());
            }
            if (runtimeFiles.isPresent()) {
                runtimes = Optional.of(new RuntimePool(options.maxEnvironments(), runtimeFiles.get(), System.err, Clock.systemUTC()));
            }
            Map<String, FunctionInvoker> handlers = invokers(api, resolver, overrides(s3, options.bucket()), runtimes);
            Optional<SigV4Verifier> iamAuth = options.iamUsers().isEmpty() ? Optional.empty()
                    : Optional.of(new SigV4Verifier(options.iamUsers(), REGION));
            GatewayHandler handler = new GatewayHandler(api.routes(), handlers, api.cors().map(cors -> cors.withOrigins(ownOrigins)),
                    staticFiles, Clock.systemUTC(), iamAuth);
            gateway.start(handler);
            LOG.info("{} routes from {}; static files from {}; {}", api.routes().size(), template.source(), staticFiles.describe(),
                    iamAuth.isPresent() ? "SigV4 required from " + options.iamUsers().size() + " IAM user(s)" : "open API (no authentication)");
            LOG.info("functions run {}", runtimes.isPresent() ? "in Lambda runtime processes, at most " + options.maxEnvironments()
                    + " at once, started on first use" : "inside this JVM (--in-process)");
            for (String option : List.of("UseAccelerateEndpoint", "UseDualStackEndpoint")) {
                if ("true".equalsIgnoreCase(options.parameters().get(option))) {
                    // The functions sign for the S3 endpoint they are given, which wins over both options.
                    LOG.info("{}=true is ignored here: the S3 server at {} has no accelerate or dual-stack host, so URLs name it",
                            option, s3.endpoint());
                }
            }
            return new LocalMode(gateway, embedded, runtimes, s3, options.bucket());
        } catch (Exception | Error e) {
            gateway.close();
            runtimes.ifPresent(RuntimePool::close);
            if (embedded.isPresent()) {
                embedded.get().close();
            }
            throw e;
        }
    }

    /** A message on one line (a YAML parser's spans several): scripts and people read the first line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** What local mode sets whatever the template says: its own bucket, S3 server, region and keys. */
    static Map<String, String> overrides(S3Connection s3, String bucket) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("BUCKET_NAME", bucket);
        overrides.put("S3_ENDPOINT_URL", s3.endpoint().toString());
        overrides.put("AWS_REGION", REGION);
        overrides.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        overrides.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        return overrides;
    }

    /** ./template.yaml or --template, else the copy in the jar. */
    static SamTemplate template(Optional<Path> given, Path workDir) {
        return given.map(SamTemplate::load).orElseGet(() -> {
            Path local = workDir.resolve("template.yaml");
            return Files.isRegularFile(local) ? SamTemplate.load(local) : SamTemplate.bundled(LocalMode.class.getClassLoader());
        });
    }

    /**
     * Each function's invoker: its execution environments in the pool, or (in process) its
     * handler constructed once, as one Lambda execution environment would.
     */
    private static Map<String, FunctionInvoker> invokers(TemplateRoutes api, IntrinsicResolver resolver,
                                                         Map<String, String> overrides, Optional<RuntimePool> runtimes) {
        Map<String, FunctionInvoker> invokers = new LinkedHashMap<>();
        for (FunctionDefinition function : api.functions()) {
            Map<String, String> environment = LambdaEnvironment.of(function, resolver, overrides);
            invokers.put(function.logicalId(), runtimes.isPresent() ? runtimes.get().invoker(function, environment)
                    : new InProcessInvoker(HandlerInvoker.load(function, environment, LocalMode.class.getClassLoader()),
                    Clock.systemUTC(), System.err));
        }
        return invokers;
    }

    /** The gateway's port on 127.0.0.1 (the one picked when --port was 0). */
    public int port() {
        return gateway.port();
    }

    S3Connection s3() {
        return s3;
    }

    /** The two lines scripts and tests wait for, flushed at once. */
    void printReady(PrintStream out) {
        out.println("API http://127.0.0.1:" + gateway.port());
        out.println("S3 " + s3.endpoint() + " bucket=" + bucket + " access-key=" + s3.accessKey() + " secret-key=" + s3.secretKey());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            gateway.close();
            runtimes.ifPresent(RuntimePool::close);
        } finally {
            if (embeddedS3.isPresent()) {
                embeddedS3.get().close();
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
            LOG.info("local mode stopped");
        } catch (IOException e) {
            LOG.warn("local mode did not stop cleanly", e);
        }
    }
}
