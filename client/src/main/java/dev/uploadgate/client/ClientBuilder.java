package dev.uploadgate.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What the {@link Uploader} and {@link Downloader} builders share: where the API is, how to sign
 * its calls, how many requests at once, timeouts, retries and progress. Every setting is checked
 * when set; only the API URL is required.
 *
 * <pre>{@code
 * Downloader downloader = Downloader.builder()
 *         .apiUrl(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com"))
 *         .concurrency(16)
 *         .retryPolicy(RetryPolicy.builder().maxAttempts(10).build())
 *         .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    URI apiUrl;
    int concurrency = 8;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    Duration apiTimeout = Duration.ofSeconds(30);
    Duration transferTimeout = Duration.ofMinutes(5);
    Duration connectTimeout = Duration.ofSeconds(10);
    ProgressListener progress = ProgressListener.NONE;
    AwsCredentialsProvider credentials;
    String region;

    ClientBuilder() {
    }

    abstract B self();

    /** The API's base URL, such as {@code https://abc123.execute-api.eu-west-1.amazonaws.com} or {@code http://127.0.0.1:8080}. */
    public B apiUrl(URI apiUrl) {
        this.apiUrl = ClientSettings.requireHttpUrl(apiUrl);
        return self();
    }

    /** Parts or ranges in flight at once (1 to 64, default 8); memory is about this many parts or ranges. */
    public B concurrency(int concurrency) {
        this.concurrency = ClientSettings.requireConcurrency(concurrency);
        return self();
    }

    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        return self();
    }

    /** Time for one API call to answer (default 30 s). */
    public B apiTimeout(Duration apiTimeout) {
        this.apiTimeout = ClientSettings.requirePositive("apiTimeout", apiTimeout);
        return self();
    }

    /** Time for one part to be sent and answered, or one range to be received (default 5 minutes). */
    public B transferTimeout(Duration transferTimeout) {
        this.transferTimeout = ClientSettings.requirePositive("transferTimeout", transferTimeout);
        return self();
    }

    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = ClientSettings.requirePositive("connectTimeout", connectTimeout);
        return self();
    }

    public B progressListener(ProgressListener progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return self();
    }

    /**
     * Signs every API call with SigV4 (service {@code execute-api}) with these credentials, for
     * an API that uses AWS_IAM authorization; for example {@code DefaultCredentialsProvider.builder().build()}.
     */
    public B credentials(AwsCredentialsProvider credentials) {
        this.credentials = credentials;
        return self();
    }

    /** The API's region, for signing; by default taken from an execute-api URL, else AWS_REGION. */
    public B region(String region) {
        this.region = region;
        return self();
    }

    /** The HTTP stack and the API client these settings make; checks that the API URL was given. */
    final ApiClient apiClient(BlockingHttp http) {
        if (apiUrl == null) {
            throw new IllegalStateException("apiUrl is required");
        }
        return new ApiClient(http, apiUrl, retryPolicy, apiTimeout, ClientSettings.signer(credentials, region, apiUrl));
    }
}
