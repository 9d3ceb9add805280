package dev.uploadgate.client.cli;

import dev.uploadgate.client.RetryPolicy;
import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Options every command shares: where the API is, how to sign, how hard to try. */
final class ApiOptions {
    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:UPLOADGATE_API}",
            description = "the API's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com (default: $UPLOADGATE_API)")
    URI api;

    @Option(names = "--sign", description = "sign API calls with SigV4 using the standard AWS credentials (environment, profile, ..)")
    boolean sign;

    @Option(names = "--region", paramLabel = "REGION", description = "the API's region for --sign (default: from the URL or $AWS_REGION)")
    String region;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "requests in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "6",
            description = "attempts per request before giving up, with exponential backoff (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    URI requireApi() {
        if (api == null) {
            throw new IllegalArgumentException("--api URL is required (or set UPLOADGATE_API)");
        }
        return api;
    }

    AwsCredentialsProvider credentials() {
        return sign ? DefaultCredentialsProvider.builder().build() : null;
    }

    RetryPolicy retryPolicy() {
        return RetryPolicy.builder().maxAttempts(attempts).build();
    }
}
