package dev.uploadgate.functions.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 * <p>What each pair signs is the same request, checked in {@link #setUp}: at one fixed instant
 * both give the same URL up to the order of its query parameters, signature included, so they
 * build the same canonical request. {@code UrlSigner} on this branch binds content-length and
 * content-md5 (its public API has no checksum header yet), so the bound requests sign
 * {@code content-length;content-md5;host}; {@link #sdkOnePartChecksum} shows what the SDK costs with
 * issue 10's {@code content-length;host;x-amz-checksum-crc32c} instead.
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
    private static final String KEY = "uploads/iam-AROAEXAMPLEID/0f8fad5b-d9cb-469f-a165-70867728950e/holiday video.mp4";
    private static final String UPLOAD_ID = "VXBsb2FkIElEIGZvciBleGFtcGxl.bXVsdGlwYXJ0";
    private static final int PART = 7;
    private static final long PART_SIZE = 8L * 1024 * 1024;
    private static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
    private static final String CRC32C = "yZRlqg==";
    private static final Duration LIFETIME = Duration.ofSeconds(900);
    private static final List<Integer> PARTS = IntStream.rangeClosed(1, 100).boxed().toList();
    private static final List<Map<String, String>> NO_HEADERS = PARTS.stream().map(n -> Map.<String, String>of()).toList();

    @Param({"session", "basic"})
    public String credentials;

    private UrlSigner ours;
    private SdkUrlSigner sdk;
    private Map<String, String> md5Binding;
    private Map<String, String> checksumBinding;

    @Setup
    public void setUp() {
        AwsCredentialsProvider provider = provider(credentials);
        ours = ours(provider, Clock.systemUTC());
        sdk = sdk(provider, Clock.systemUTC());
        md5Binding = Map.of("content-length", Long.toString(PART_SIZE), "content-md5", MD5);
        checksumBinding = Map.of("content-length", Long.toString(PART_SIZE), "x-amz-checksum-crc32c", CRC32C);
        requireSameRequests(provider);
    }

    @Benchmark
    public SignedRequest oursOnePart() {
        return ours.uploadPart(KEY, UPLOAD_ID, PART, OptionalLong.of(PART_SIZE), Optional.of(MD5));
    }

    @Benchmark
    public SignedRequest sdkOnePart() {
        return sdk.uploadPart(KEY, UPLOAD_ID, PART, md5Binding);
    }

    @Benchmark
    public SignedRequest sdkOnePartChecksum() {
        return sdk.uploadPart(KEY, UPLOAD_ID, PART, checksumBinding);
    }

    /** The batch route as it is: one signing session, no bindings (only host signed). */
    @Benchmark
    public List<SignedRequest> oursBatchOf100() {
        return ours.uploadParts(KEY, UPLOAD_ID, PARTS);
    }

    @Benchmark
    public List<SignedRequest> sdkBatchOf100() {
        return sdk.uploadParts(KEY, UPLOAD_ID, PARTS, NO_HEADERS);
    }

    /** 100 bound URLs, each a call of its own on both sides (UrlSigner has no bound batch). */
    @Benchmark
    public List<SignedRequest> oursBatchOf100Bound() {
        List<SignedRequest> signed = new ArrayList<>(PARTS.size());
        for (int part : PARTS) {
            signed.add(ours.uploadPart(KEY, UPLOAD_ID, part, OptionalLong.of(PART_SIZE), Optional.of(MD5)));
        }
        return signed;
    }

    @Benchmark
    public List<SignedRequest> sdkBatchOf100Bound() {
        List<SignedRequest> signed = new ArrayList<>(PARTS.size());
        for (int part : PARTS) {
            signed.add(sdk.uploadPart(KEY, UPLOAD_ID, part, md5Binding));
        }
        return signed;
    }

    /** Both signers at one fixed instant must give the same URLs (query order aside), signatures included. */
    private void requireSameRequests(AwsCredentialsProvider provider) {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-30T01:02:03Z"), ZoneOffset.UTC);
        UrlSigner oursAtOnce = ours(provider, fixed);
        SdkUrlSigner sdkAtOnce = sdk(provider, fixed);
        requireSame(oursAtOnce.uploadPart(KEY, UPLOAD_ID, PART, OptionalLong.of(PART_SIZE), Optional.of(MD5)),
                sdkAtOnce.uploadPart(KEY, UPLOAD_ID, PART, md5Binding));
        List<SignedRequest> oursBatch = oursAtOnce.uploadParts(KEY, UPLOAD_ID, PARTS);
        List<SignedRequest> sdkBatch = sdkAtOnce.uploadParts(KEY, UPLOAD_ID, PARTS, NO_HEADERS);
        for (int i = 0; i < PARTS.size(); i++) {
            requireSame(oursBatch.get(i), sdkBatch.get(i));
        }
        String checksumUrl = sdkAtOnce.uploadPart(KEY, UPLOAD_ID, PART, checksumBinding).url();
        if (!checksumUrl.contains("X-Amz-SignedHeaders=content-length%3Bhost%3Bx-amz-checksum-crc32c&")) {
            throw new IllegalStateException("the SDK did not sign the checksum binding: " + checksumUrl);
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
        return new UrlSigner(sessions, BUCKET, REGION, Optional.empty());
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
