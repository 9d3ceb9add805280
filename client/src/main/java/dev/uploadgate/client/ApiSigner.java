package dev.uploadgate.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs API calls with SigV4 for service {@code execute-api}, with the SDK's own signer, so an API
 * whose routes use AWS_IAM authorization accepts them. Only API calls are signed: the presigned
 * URLs of the data path carry their own signatures.
 */
final class ApiSigner {
    static final String SERVICE = "execute-api";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;

    ApiSigner(AwsCredentialsProvider credentials, String region) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
    }

    /** The headers that carry the signature of this request ({@code Authorization}, {@code X-Amz-Date}, ..). */
    Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        // The HTTP client writes Host and Content-Length itself (and refuses to be told them).
        Map<String, List<String>> signedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length") && !headers.containsKey(name)) {
                signedHeaders.put(name, values);
            }
        });
        return signedHeaders;
    }

    /** The region of an API Gateway URL ({@code https://id.execute-api.REGION.amazonaws.com}), if it is one. */
    static Optional<String> regionOf(URI apiUrl) {
        String host = apiUrl.getHost() == null ? "" : apiUrl.getHost();
        Matcher m = Pattern.compile("\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?$")
                .matcher(host);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
