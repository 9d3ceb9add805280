package dev.uploadgate.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code java -jar local.jar} was asked to do. Parsed by hand (no CLI library for a handful
 * of flags); every mistake is a {@link UsageException} with a message that names the flag.
 *
 * @param port         gateway port on 127.0.0.1; 0 picks a free one
 * @param dataDir      where the embedded S3 server keeps its files
 * @param bucket       bucket the functions use; created when missing
 * @param s3Port       embedded S3 port; 0 picks a free one
 * @param externalS3   another S3-compatible server to use instead of the embedded one
 * @param template     the SAM template to read; empty means ./template.yaml or the bundled copy
 * @param parameters   template parameter values that replace their defaults, as with
 *                     {@code sam deploy --parameter-overrides}
 * @param iamUsers     with --auth iam: access key to secret key of each user the gateway accepts
 *                     SigV4 signatures from; empty when the API is open (the default)
 * @param help         print usage and exit
 * @param inProcess    run the handlers in this JVM instead of Lambda runtime processes
 * @param maxEnvironments how many function processes may run at once, across all functions
 */
public record LocalOptions(int port, Path dataDir, String bucket, int s3Port, Optional<ExternalS3> externalS3,
                           Optional<Path> template, Map<String, String> parameters, Map<String, String> iamUsers, boolean help,
                           boolean inProcess, int maxEnvironments) {

    static final int DEFAULT_PORT = 3000;
    /** Fixed rather than free by default, so `aws --endpoint-url` and bookmarks keep working across runs. */
    static final int DEFAULT_S3_PORT = 3001;
    static final Path DEFAULT_DATA_DIR = Path.of(".local-s3");
    static final String DEFAULT_BUCKET = "uploads";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar local/target/local.jar [options]",
            "",
            "       java -jar local/target/local.jar invoke FUNCTION --event FILE [--env-vars FILE] [options]",
            "",
            "Runs the uploadgate API on 127.0.0.1: the functions named in template.yaml, each in Lambda's",
            "runtime, behind a local API Gateway, an embedded S3-compatible server (S3Proxy) and the demo",
            "page. `invoke` runs one event through one function and prints its response, as",
            "`sam local invoke FUNCTION -e FILE` does.",
            "",
            "Options:",
            "  --port N             gateway port (default " + DEFAULT_PORT + "; 0 picks a free port)",
            "  --data DIR           embedded S3 data folder (default " + DEFAULT_DATA_DIR + "/)",
            "  --bucket NAME        bucket name (default " + DEFAULT_BUCKET + "; created if missing)",
            "  --s3-port N          embedded S3 port (default " + DEFAULT_S3_PORT
                    + ", or a free port when --port is 0; 0 picks a free port)",
            "  --s3-endpoint URL    use this S3-compatible server instead of the embedded one",
            "  --s3-access-key ID   access key for --s3-endpoint (required with it)",
            "  --s3-secret-key KEY  secret key for --s3-endpoint (required with it)",
            "  --template PATH      SAM template (default ./template.yaml, else the copy in the jar)",
            "  --parameter K=V      a template parameter instead of its default, e.g.",
            "                       --parameter MaxObjectSizeBytes=104857600 (repeatable)",
            "  --auth iam           require SigV4 (service execute-api) on every API route, as",
            "                       AWS_IAM does deployed (default: none, an open API)",
            "  --iam-user KEY:SECRET a user whose signatures --auth iam accepts (repeatable)",
            "  --max-environments N at most N function processes at once, all functions together",
            "                       (default " + RuntimePool.defaultMaxEnvironments() + " here: two per core, at least 8)",
            "  --in-process         run the handlers inside this JVM instead of one Lambda runtime",
            "                       process per environment (faster to start; no isolation or Timeout)",
            "  --help               print this help",
            "",
            "When ready it prints two lines to stdout:",
            "  API http://127.0.0.1:<port>",
            "  S3 <endpoint> bucket=<name> access-key=<id> secret-key=<secret>");

    public LocalOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(externalS3, "externalS3");
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
        iamUsers = Map.copyOf(iamUsers);
    }

    /** Credentials and address of an S3-compatible server that local mode does not start itself. */
    public record ExternalS3(URI endpoint, String accessKey, String secretKey) {
        public ExternalS3 {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }
    }

    /** A command line that cannot be run; the launcher prints the message and the usage, exit code 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static LocalOptions parse(List<String> args) throws UsageException {
        Integer port = null;
        Integer s3Port = null;
        Path dataDir = null;
        String bucket = null;
        URI endpoint = null;
        String accessKey = null;
        String secretKey = null;
        Path template = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        String auth = null;
        Map<String, String> iamUsers = new LinkedHashMap<>();
        boolean help = false;
        boolean inProcess = false;
        Integer maxEnvironments = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            // --flag=value is accepted as well as --flag value.
            String inlineValue = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                inlineValue = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                if (inlineValue != null) {
                    throw new UsageException("--help takes no value");
                }
                help = true;
                continue;
            }
            if (flag.equals("--in-process")) {
                if (inlineValue != null) {
                    throw new UsageException("--in-process takes no value");
                }
                inProcess = true;
                continue;
            }
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (isValueFlag(flag)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args.get(++i);
            } else {
                throw new UsageException("unknown option: " + flag);
            }
            switch (flag) {
                case "--port" -> port = once(flag, port, portNumber(flag, value));
                case "--s3-port" -> s3Port = once(flag, s3Port, portNumber(flag, value));
                case "--data" -> dataDir = once(flag, dataDir, Path.of(nonEmpty(flag, value)));
                case "--bucket" -> bucket = once(flag, bucket, bucketName(value));
                case "--s3-endpoint" -> endpoint = once(flag, endpoint, endpoint(value));
                case "--s3-access-key" -> accessKey = once(flag, accessKey, nonEmpty(flag, value));
                case "--s3-secret-key" -> secretKey = once(flag, secretKey, nonEmpty(flag, value));
                case "--template" -> template = once(flag, template, Path.of(nonEmpty(flag, value)));
                case "--parameter" -> parameter(value, parameters);
                case "--auth" -> auth = once(flag, auth, authMode(value));
                case "--iam-user" -> iamUser(value, iamUsers);
                case "--max-environments" -> maxEnvironments = once(flag, maxEnvironments, positive(flag, value));
                default -> throw new UsageException("unknown option: " + flag);
            }
        }
        Optional<ExternalS3> external = Optional.empty();
        if (endpoint != null) {
            if (accessKey == null || secretKey == null) {
                throw new UsageException("--s3-endpoint needs --s3-access-key and --s3-secret-key");
            }
            if (s3Port != null || dataDir != null) {
                throw new UsageException("--s3-port and --data configure the embedded S3 server; they cannot go with --s3-endpoint");
            }
            external = Optional.of(new ExternalS3(endpoint, accessKey, secretKey));
        } else if (accessKey != null || secretKey != null) {
            throw new UsageException("--s3-access-key and --s3-secret-key only go with --s3-endpoint");
        }
        if ("iam".equals(auth) && iamUsers.isEmpty()) {
            throw new UsageException("--auth iam needs at least one --iam-user ACCESS_KEY:SECRET");
        }
        if (!"iam".equals(auth) && !iamUsers.isEmpty()) {
            throw new UsageException("--iam-user only goes with --auth iam");
        }
        int gatewayPort = port == null ? DEFAULT_PORT : port;
        // A caller who asks for a free gateway port (tests, parallel runs) wants no fixed port anywhere.
        int embeddedS3Port = s3Port != null ? s3Port : gatewayPort == 0 ? 0 : DEFAULT_S3_PORT;
        return new LocalOptions(gatewayPort, dataDir == null ? DEFAULT_DATA_DIR : dataDir,
                bucket == null ? DEFAULT_BUCKET : bucket, embeddedS3Port, external, Optional.ofNullable(template), parameters, iamUsers, help,
                inProcess, maxEnvironments == null ? RuntimePool.defaultMaxEnvironments() : maxEnvironments);
    }

    private static boolean isValueFlag(String flag) {
        return switch (flag) {
            case "--port", "--s3-port", "--data", "--bucket", "--s3-endpoint", "--s3-access-key", "--s3-secret-key",
                    "--template", "--parameter", "--auth", "--iam-user", "--max-environments" -> true;
            default -> false;
        };
    }

    private static String authMode(String value) throws UsageException {
        if (!value.equals("iam") && !value.equals("none")) {
            throw new UsageException("--auth must be iam or none, not '" + value + "'");
        }
        return value;
    }

    private static void iamUser(String value, Map<String, String> users) throws UsageException {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException("--iam-user takes ACCESS_KEY:SECRET_KEY");
        }
        if (users.put(value.substring(0, colon), value.substring(colon + 1)) != null) {
            throw new UsageException("--iam-user " + value.substring(0, colon) + " is given more than once");
        }
    }

    private static void parameter(String value, Map<String, String> parameters) throws UsageException {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--parameter takes Name=Value, not '" + value + "'");
        }
        if (parameters.put(value.substring(0, equals), value.substring(equals + 1)) != null) {
            throw new UsageException("--parameter " + value.substring(0, equals) + " is given more than once");
        }
    }

    private static <T> T once(String flag, T previous, T value) throws UsageException {
        if (previous != null) {
            throw new UsageException(flag + " is given more than once");
        }
        return value;
    }

    private static String nonEmpty(String flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a non-empty value");
        }
        return value;
    }

    private static int positive(String flag, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new UsageException(flag + " must be a whole number of at least 1, not '" + value + "'");
    }

    private static int portNumber(String flag, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new UsageException(flag + " must be a port number from 0 to 65535, not '" + value + "'");
    }

    /** S3's rules for new bucket names, so a typo fails here rather than as an S3 error later. */
    private static String bucketName(String value) throws UsageException {
        if (!value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || value.contains("..")) {
            throw new UsageException("--bucket must be a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-'), not '" + value + "'");
        }
        return value;
    }

    private static URI endpoint(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the flag's name
        }
        throw new UsageException("--s3-endpoint must be an http(s) URL such as http://127.0.0.1:5000, not '" + value + "'");
    }
}
