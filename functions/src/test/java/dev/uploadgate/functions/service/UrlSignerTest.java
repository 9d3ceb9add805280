package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Our signer against the SDK's S3Presigner configured as the functions configured it before
 * (endpoint override with path style, or AWS itself): the same inputs must give the same URL,
 * byte for byte, and the same signed headers. The SDK signs with its own clock, so each of our
 * signatures uses the X-Amz-Date the SDK's URL carries.
 */
class UrlSignerTest {
    private static final Pattern AMZ_DATE = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)");
    private static final DateTimeFormatter AMZ_DATE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final List<String> KEYS = List.of(
            "a", "uploads/owner/2f1c/holiday video.mp4", "a+b", "a~b", "100%", "100%25", "k=v&x=y", "?query#fragment",
            "r\u00e9sum\u00e9/\u00fc/\u65e5\u672c\u8a9e.pdf", "emoji \ud83d\ude00.png", "dir//file", "./x/../y", "trailing/",
            "*!'()", ";:@,$", "[]{}|^`<>\\\"", " lead and trail ", "tab\there", "-_.~", "plus+space +");
    private static final List<Config> CONFIGS = List.of(
            new Config("uploads", "us-east-1", Optional.of(URI.create("http://127.0.0.1:9000"))),
            new Config("my.bucket", "eu-west-1", Optional.of(URI.create("http://localhost:4566/"))),
            new Config("uploads", "us-east-1", Optional.empty()),
            new Config("uploads", "eu-west-1", Optional.empty()),
            new Config("my.dotted.bucket", "eu-central-1", Optional.empty()),
            new Config("Legacy_Bucket", "eu-west-1", Optional.empty()),
            new Config("uploads-cn", "cn-north-1", Optional.empty()),
            new Config("uploads-gov", "us-gov-west-1", Optional.empty()),
            new Config("uploads", "eu-west-1", Optional.empty(), true, false),
            new Config("uploads", "us-east-1", Optional.empty(), true, true),
            new Config("uploads", "us-east-1", Optional.empty(), false, true),
            new Config("uploads", "ap-southeast-2", Optional.empty(), false, true),
            new Config("my.dotted.bucket", "eu-west-1", Optional.empty(), false, true));
    private static final List<AwsCredentials> CREDENTIALS = List.of(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            AwsSessionCredentials.create("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQ+/=="));

    record Config(String bucket, String region, Optional<URI> endpoint, boolean accelerate, boolean dualStack) {
        Config(String bucket, String region, Optional<URI> endpoint) {
            this(bucket, region, endpoint, false, false);
        }

        S3Presigner sdkPresigner(AwsCredentials credentials) {
            var builder = S3Presigner.builder().region(Region.of(region)).credentialsProvider(StaticCredentialsProvider.create(credentials));
            endpoint.ifPresent(e -> builder.endpointOverride(e).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
            if (accelerate) {
                builder.serviceConfiguration(S3Configuration.builder().accelerateModeEnabled(true).build());
            }
            builder.dualstackEnabled(dualStack);
            return builder.build();
        }

        UrlSigner ours(AwsCredentials credentials, Instant now) {
            SigV4Sessions sessions = new SigV4Sessions(StaticCredentialsProvider.create(credentials), region, new UrlLifetime(LIFETIME),
                    Clock.fixed(now, ZoneOffset.UTC), new SigningKeys());
            return new UrlSigner(sessions, S3Location.of(bucket, region, endpoint, accelerate, dualStack));
        }
    }

    @Test
    void uploadPart_anyKeyConfigAndCredentials_isTheSdkUrl() {
        compareAll((config, presigner) -> List.of(
                new Case("uploadPart", key -> presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key(key).uploadId("VXBsb2FkIElE+/=.x~y").partNumber(7))),
                        (signer, key) -> signer.uploadPart(key, "VXBsb2FkIElE+/=.x~y", 7, Map.of())),
                new Case("uploadPart with length and MD5", key -> presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key(key).uploadId("u").partNumber(10000)
                                .contentLength(5_242_880L).contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="))),
                        (signer, key) -> signer.uploadPart(key, "u", 10000, Map.of("content-length", "5242880", "content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="))),
                new Case("uploadPart with length", key -> presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key(key).uploadId("u").partNumber(1).contentLength(0L))),
                        (signer, key) -> signer.uploadPart(key, "u", 1, Map.of("content-length", "0"))),
                new Case("uploadPart with MD5", key -> presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key(key).uploadId("u").partNumber(2).contentMD5("abc+/=="))),
                        (signer, key) -> signer.uploadPart(key, "u", 2, Map.of("content-md5", "abc+/=="))),
                new Case("uploadPart with length and CRC32C", key -> presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key(key).uploadId("u").partNumber(3).contentLength(8L)
                                .checksumCRC32C("yZRlqg=="))),
                        (signer, key) -> signer.uploadPart(key, "u", 3, Map.of("content-length", "8", "x-amz-checksum-crc32c", "yZRlqg==")))));
    }

    @Test
    void putObject_anyKeyConfigAndCredentials_isTheSdkUrl() {
        Map<String, String> metadata = Map.of("name", "r%C3%A9sum%C3%A9  final .pdf", "z-last", "1", "a_first", " x ");
        compareAll((config, presigner) -> List.of(
                new Case("putObject", key -> presigner.presignPutObject(p -> p.signatureDuration(LIFETIME)
                        .putObjectRequest(r -> r.bucket(config.bucket()).key(key).contentType("video/mp4").metadata(Map.of()))),
                        (signer, key) -> signer.putObject(key, Map.of("content-type", "video/mp4"))),
                new Case("putObject with length and metadata", key -> presigner.presignPutObject(p -> p.signatureDuration(LIFETIME)
                        .putObjectRequest(r -> r.bucket(config.bucket()).key(key).contentType("text/plain; charset=utf-8")
                                .contentLength(1234L).metadata(metadata))),
                        (signer, key) -> signer.putObject(key, withMetadata(Map.of("content-type", "text/plain; charset=utf-8",
                                "content-length", "1234"), metadata))),
                new Case("putObject with disposition, cache policy, SHA-256 and SSE-KMS", key -> presigner.presignPutObject(p -> p
                        .signatureDuration(LIFETIME).putObjectRequest(r -> r.bucket(config.bucket()).key(key).contentType("image/png")
                                .contentLength(5L).contentDisposition("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.png")
                                .cacheControl("private").checksumSHA256("LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
                                .serverSideEncryption("aws:kms").ssekmsKeyId(KMS_KEY).bucketKeyEnabled(true))),
                        (signer, key) -> signer.putObject(key, Map.of("content-type", "image/png", "content-length", "5",
                                "content-disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.png", "cache-control", "private",
                                "x-amz-checksum-sha256", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
                                "x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", KMS_KEY,
                                "x-amz-server-side-encryption-bucket-key-enabled", "true")))));
    }

    @Test
    void getObject_anyKeyConfigAndCredentials_isTheSdkUrl() {
        compareAll((config, presigner) -> List.of(
                new Case("getObject", key -> presigner.presignGetObject(p -> p.signatureDuration(LIFETIME)
                        .getObjectRequest(r -> r.bucket(config.bucket()).key(key))),
                        (signer, key) -> signer.getObject(key, Map.of())),
                new Case("getObject as an attachment", key -> presigner.presignGetObject(p -> p.signatureDuration(LIFETIME)
                        .getObjectRequest(r -> r.bucket(config.bucket()).key(key)
                                .responseContentDisposition("attachment; filename*=UTF-8''%E6%97%A5 a+b.pdf"))),
                        (signer, key) -> signer.getObject(key, Map.of("response-content-disposition", "attachment; filename*=UTF-8''%E6%97%A5 a+b.pdf"))),
                new Case("getObject inline with its type", key -> presigner.presignGetObject(p -> p.signatureDuration(LIFETIME)
                        .getObjectRequest(r -> r.bucket(config.bucket()).key(key)
                                .responseContentDisposition("inline; filename*=UTF-8''x.png").responseContentType("image/png"))),
                        (signer, key) -> signer.getObject(key, Map.of("response-content-type", "image/png",
                                "response-content-disposition", "inline; filename*=UTF-8''x.png")))));
    }

    @Test
    void uploadParts_batch_isTheSdkUrlOfEachPart() {
        Config config = CONFIGS.get(0);
        try (S3Presigner presigner = config.sdkPresigner(CREDENTIALS.get(1))) {
            List<Integer> partNumbers = List.of(3, 1, 2, 100);
            List<PresignedRequest> expected = new ArrayList<>();
            for (int partNumber : partNumbers) {
                expected.add(presigner.presignUploadPart(p -> p.signatureDuration(LIFETIME)
                        .uploadPartRequest(r -> r.bucket(config.bucket()).key("k y").uploadId("u").partNumber(partNumber))));
            }
            Instant signedAt = signingTime(expected.get(0));
            List<SignedRequest> batch = config.ours(CREDENTIALS.get(1), signedAt).uploadParts("k y", "u", partNumbers,
                    partNumbers.stream().map(n -> Map.<String, String>of()).toList());

            assertThat(batch).extracting(SignedRequest::url).containsExactlyElementsOf(
                    expected.stream().filter(e -> signingTime(e).equals(signedAt)).map(e -> e.url().toExternalForm()).toList());
        }
    }

    @Test
    void uploadParts_batch_resolvesCredentialsOnce() {
        AtomicInteger resolutions = new AtomicInteger();
        AwsCredentialsProvider counting = () -> {
            resolutions.incrementAndGet();
            return CREDENTIALS.get(0);
        };
        UrlSigner signer = new UrlSigner(new SigV4Sessions(counting, "eu-west-1", new UrlLifetime(LIFETIME), Clock.systemUTC(), new SigningKeys()), S3Location.of("uploads", "eu-west-1", Optional.empty()));

        signer.uploadParts("k", "u", List.of(1, 2, 3, 4, 5), List.of(Map.of(), Map.of(), Map.of(), Map.of(), Map.of()));

        assertThat(resolutions).hasValue(1);
    }

    @Test
    void uploadPart_credentialsExpiringFirst_signsAndReportsTheShorterLifetime() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.builder()
                .accessKeyId("a").secretAccessKey("b").sessionToken("t").expirationTime(now.plusSeconds(120)).build());
        UrlSigner signer = new UrlSigner(new SigV4Sessions(credentials, "us-east-1", new UrlLifetime(LIFETIME), Clock.fixed(now, ZoneOffset.UTC),
                new SigningKeys()), S3Location.of("b", "us-east-1", Optional.of(URI.create("http://127.0.0.1:9"))));

        SignedRequest signed = signer.uploadPart("k", "u", 1, Map.of());

        assertThat(signed.expires()).isEqualTo(120);
        assertThat(signed.url()).contains("X-Amz-Expires=120").contains("X-Amz-Security-Token=t");
    }

    @Test
    void uploadPart_credentialsUnavailable_isServiceUnavailable() {
        AwsCredentialsProvider broken = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        UrlSigner signer = new UrlSigner(new SigV4Sessions(broken, "eu-west-1", new UrlLifetime(LIFETIME), Clock.systemUTC(), new SigningKeys()), S3Location.of("uploads", "eu-west-1", Optional.empty()));

        assertThatThrownBy(() -> signer.uploadPart("k", "u", 1, Map.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    private record Case(String name, Function<String, PresignedRequest> sdk, Ours ours) {
    }

    private interface Ours {
        SignedRequest sign(UrlSigner signer, String key);
    }

    private interface Cases {
        List<Case> of(Config config, S3Presigner presigner);
    }

    private static void compareAll(Cases cases) {
        int compared = 0;
        for (Config config : CONFIGS) {
            for (AwsCredentials credentials : CREDENTIALS) {
                try (S3Presigner presigner = config.sdkPresigner(credentials)) {
                    for (Case c : cases.of(config, presigner)) {
                        for (String key : KEYS) {
                            PresignedRequest expected = c.sdk().apply(key);
                            SignedRequest actual = c.ours().sign(config.ours(credentials, signingTime(expected)), key);
                            String what = c.name() + " of key <" + key + "> with " + config + " and " + credentials.getClass().getSimpleName();
                            assertThat(actual.url()).as(what).isEqualTo(expected.url().toExternalForm());
                            assertThat(actual.headers()).as(what).isEqualTo(headersWithoutHost(expected));
                            assertThat(actual.expires()).as(what).isEqualTo(LIFETIME.toSeconds());
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(CONFIGS.size() * CREDENTIALS.size() * KEYS.size());
    }

    private static Map<String, String> withMetadata(Map<String, String> headers, Map<String, String> metadata) {
        Map<String, String> all = new TreeMap<>(headers);
        metadata.forEach((name, value) -> all.put("x-amz-meta-" + name, value));
        return all;
    }

    private static Instant signingTime(PresignedRequest presigned) {
        Matcher date = AMZ_DATE.matcher(presigned.url().toExternalForm());
        assertThat(date.find()).isTrue();
        return AMZ_DATE_FORMAT.parse(date.group(1), Instant::from);
    }

    private static Map<String, String> headersWithoutHost(PresignedRequest presigned) {
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return headers;
    }
}
