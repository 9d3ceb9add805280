package dev.uploadgate.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Checks and factories the {@link Uploader} and {@link Downloader} builders share. */
final class ClientSettings {
    private ClientSettings() {
    }

    static URI requireHttpUrl(URI url) {
        Objects.requireNonNull(url, "apiUrl");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("apiUrl \"" + url + "\" must be an http or https URL with a host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("apiUrl \"" + url + "\" must not have a query or fragment");
        }
        return url;
    }

    static int requireConcurrency(int concurrency) {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be from 1 to 64, not " + concurrency);
        }
        return concurrency;
    }

    static Duration requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }

    static ApiSigner signer(AwsCredentialsProvider credentials, String region, URI apiUrl) {
        if (credentials == null) {
            return null;
        }
        String chosen = region != null ? region : ApiSigner.regionOf(apiUrl).orElseGet(() -> firstEnv("AWS_REGION", "AWS_DEFAULT_REGION"));
        if (chosen == null || chosen.isBlank()) {
            throw new IllegalStateException("signing API calls needs the API's region: set region(..) or AWS_REGION");
        }
        return new ApiSigner(credentials, chosen);
    }

    private static String firstEnv(String... names) {
        for (String name : names) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
