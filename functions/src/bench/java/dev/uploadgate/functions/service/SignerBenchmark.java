package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue 10's signer decision: the same UploadPart URLs signed by our {@link UrlSigner} and by the
 * SDK's {@code AwsV4HttpSigner} ({@link SdkUrlSigner}), one URL and batches of 100, in process.
 * The bucket is a DNS label on AWS (no endpoint override), so both sign virtual-hosted URLs.
 *
 * <p>A bound URL signs {@code content-length;host;x-amz-checksum-crc32c}, what issue 10's sized
 * uploads with a CRC32C bind; a batch signs 100 of them with one credentials resolution and
 * signing time on both sides, as the batch route does. The unbound batch (an upload of undeclared
 * size without checksums, Uppy's) signs only host. {@link #setUp} checks that each pair signs the
 * same request: at one fixed instant both give the same URL up to the order of its query
 * parameters, signature included, so they build the same canonical request.
 *
 * <p>Credentials: {@code session} (what Lambda gives a function: key, secret and a 1,068-character
 * session token, which every URL carries and signs) or {@code basic}. C1 only, as the template
 * runs the functions; {@code -jvmArgsAppend -XX:+TieredCompilation} on the command line replaces
 * that for default flags.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"})
public class SignerBenchmark {
    private static final String BUCKET = "uploads";
    private static final String REGION = "us-east-1";
    private static final String KEY = "uploads/iam-AROAEXAMPLEID/0f8fad5b-d9cb-469f-a165-70867728950e.s838860800-p8388608.crc32c-full/holiday video.mp4";
    private static final String UPLOAD_ID = "VXBsb2FkIElEIGZvciBleGFtcGxl.bXVsdGlwYXJ0";
    private static final int PART = 7;
    private static final Map<String, String> BINDING = Map.of("content-length", "8388608", "x-amz-checksum-crc32c", "yZRlqg==");
    private static final Duration LIFETIME = Duration.ofSeconds(900);
    private static final List<Integer> PARTS = IntStream.rangeClosed(1, 100).boxed().toList();
    private static final List<Map<String, String>> BOUND = PARTS.stream().map(n -> BINDING).toList();
    private static final List<Map<String, String>> UNBOUND = PARTS.stream().map(n -> Map.<String, String>of()).toList();

    @Param({"session", "basic"})
    public String credentials;

    private UrlSigner ours;
    private SdkUrlSigner sdk;

    @Setup
    public void setUp() {
        AwsCredentialsProvider provider = provider(credentials);
        ours = ours(provider, Clock.systemUTC());
        sdk = sdk(provider, Clock.systemUTC());
        requireSameRequests(provider);
    }

    @Benchmark
    public SignedRequest oursOnePart() {
        return ours.uploadPart(KEY, UPLOAD_ID, PART, BINDING);
    }

    @Benchmark
    public SignedRequest sdkOnePart() {
        return sdk.uploadPart(KEY, UPLOAD_ID, PART, BINDING);
    }

    @Benchmark
    public List<SignedRequest> oursBatchOf100() {
        return ours.uploadParts(KEY, UPLOAD_ID, PARTS, BOUND);
    }

    @Benchmark
    public List<SignedRequest> sdkBatchOf100() {
        return sdk.uploadParts(KEY, UPLOAD_ID, PARTS, BOUND);
    }

    @Benchmark
    public List<SignedRequest> oursBatchOf100Unbound() {
        return ours.uploadParts(KEY, UPLOAD_ID, PARTS, UNBOUND);
    }

    @Benchmark
    public List<SignedRequest> sdkBatchOf100Unbound() {
        return sdk.uploadParts(KEY, UPLOAD_ID, PARTS, UNBOUND);
    }

    /** Both signers at one fixed instant must give the same URLs (query order aside), signatures included. */
    private void requireSameRequests(AwsCredentialsProvider provider) {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-30T01:02:03Z"), ZoneOffset.UTC);
        UrlSigner oursAtOnce = ours(provider, fixed);
        SdkUrlSigner sdkAtOnce = sdk(provider, fixed);
        SignedRequest one = oursAtOnce.uploadPart(KEY, UPLOAD_ID, PART, BINDING);
        if (!one.url().contains("X-Amz-SignedHeaders=content-length%3Bhost%3Bx-amz-checksum-crc32c&")) {
            throw new IllegalStateException("not the bound request: " + one.url());
        }
        requireSame(one, sdkAtOnce.uploadPart(KEY, UPLOAD_ID, PART, BINDING));
        for (List<Map<String, String>> headers : List.of(BOUND, UNBOUND)) {
            List<SignedRequest> oursBatch = oursAtOnce.uploadParts(KEY, UPLOAD_ID, PARTS, headers);
            List<SignedRequest> sdkBatch = sdkAtOnce.uploadParts(KEY, UPLOAD_ID, PARTS, headers);
            for (int i = 0; i < PARTS.size(); i++) {
                requireSame(oursBatch.get(i), sdkBatch.get(i));
            }
        }
    }

    private static void requireSame(SignedRequest ours, SignedRequest sdk) {
        if (!resource(ours.url()).equals(resource(sdk.url())) || !parameters(ours.url()).equals(parameters(sdk.url()))
                || !ours.headers().equals(sdk.headers()) || ours.expires() != sdk.expires()) {
            throw new IllegalStateException("the signers disagree:\n  ours " + ours + "\n  sdk  " + sdk);
        }
    }

    private static String resource(String url) {
        return url.substring(0, url.indexOf('?'));
    }

    private static Set<String> parameters(String url) {
        return new TreeSet<>(Arrays.asList(url.substring(url.indexOf('?') + 1).split("&")));
    }

    private static UrlSigner ours(AwsCredentialsProvider provider, Clock clock) {
        SigV4Sessions sessions = new SigV4Sessions(provider, REGION, new UrlLifetime(LIFETIME), clock, new SigningKeys());
        return new UrlSigner(sessions, S3Location.of(BUCKET, REGION, Optional.empty()));
    }

    private static SdkUrlSigner sdk(AwsCredentialsProvider provider, Clock clock) {
        return new SdkUrlSigner(provider, BUCKET, REGION, Optional.empty(), new UrlLifetime(LIFETIME), clock);
    }

    /** Made-up keys; the token is random bytes in base64, as long as a Lambda function's (with '+', '/' and '='). */
    static AwsCredentialsProvider provider(String kind) {
        String accessKey = "ASIAEXAMPLEBENCHKEY1";
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        if (kind.equals("basic")) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret));
        }
        byte[] token = new byte[800];
        new Random(10).nextBytes(token);
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKey, secret,
                new String(Base64.getEncoder().encode(token), StandardCharsets.US_ASCII)));
    }
}
