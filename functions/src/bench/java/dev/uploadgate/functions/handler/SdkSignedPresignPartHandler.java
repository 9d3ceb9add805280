package dev.uploadgate.functions.handler;

import dev.uploadgate.functions.config.AwsClients;
import dev.uploadgate.functions.config.UploadSettings;
import dev.uploadgate.functions.rules.ObjectKeys;
import dev.uploadgate.functions.rules.PartBindings;
import dev.uploadgate.functions.rules.PartNumbers;
import dev.uploadgate.functions.rules.UploadIds;
import dev.uploadgate.functions.service.BatchPartUrlsResponse;
import dev.uploadgate.functions.service.PartUrlResponse;
import dev.uploadgate.functions.service.SdkUrlSigner;
import dev.uploadgate.functions.service.SignedRequest;
import dev.uploadgate.functions.service.UrlLifetime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Bench only (issue 10, signer decision): {@link PresignPartHandler} with the SDK's
 * {@code AwsV4HttpSigner} ({@link SdkUrlSigner}) in place of {@code UrlSigner}, for the cold-start
 * A/B in {@code SignerColdStart}. The same settings, checks, answer records and JSON path; its
 * constructor also builds a priming twin with fake credentials and registers for the checkpoint,
 * as the real handler's does, so both pay the same construction.
 */
public final class SdkSignedPresignPartHandler extends HttpApiHandler {
    private final SdkUrlSigner signer;
    private final ObjectKeys keys;
    /** Built as the real handler builds its twin; priming itself is not part of this A/B. */
    private final SdkUrlSigner primingSigner;

    /** Used by the Lambda runtime (here: the cold-start launcher). */
    public SdkSignedPresignPartHandler() {
        UploadSettings settings = UploadSettings.fromEnvironment(System.getenv());
        AwsCredentialsProvider fake = StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING-FAKE-ACCESS-KEY", "priming-secret-never-sent"));
        this.signer = signer(settings, AwsClients.credentials(System.getenv()));
        this.keys = new ObjectKeys(settings.keyPrefix());
        this.primingSigner = signer(settings, fake);
        registerForCheckpoint();
    }

    private static SdkUrlSigner signer(UploadSettings settings, AwsCredentialsProvider credentials) {
        return new SdkUrlSigner(credentials, settings.bucket(), settings.region(), settings.s3Endpoint(),
                new UrlLifetime(settings.urlLifetime()), Clock.systemUTC());
    }

    @Override
    Object handle(ApiRequest request) {
        String uploadId = request.pathParameter("uploadId");
        String key = request.requiredQuery("key");
        if (request.optionalPathParameter("partNumber").isEmpty()) {
            return batch(request, key, uploadId, PartNumbers.parseBatch("partNumbers", request.requiredQuery("partNumbers")));
        }
        int partNumber = PartNumbers.parse("partNumber", request.pathParameter("partNumber"));
        OptionalLong contentLength = request.queryWholeNumber("contentLength");
        Map<String, String> headers = new TreeMap<>();
        contentLength.ifPresent(length -> headers.put("content-length", Long.toString(PartBindings.requireContentLength(length))));
        request.query("contentMD5").map(PartBindings::requireContentMd5).ifPresent(md5 -> headers.put("content-md5", md5));
        keys.requireOwnedBy(request.owner(), key);
        UploadIds.require(uploadId);
        SignedRequest signed = signer.uploadPart(key, uploadId, partNumber, headers);
        return new PartUrlResponse(signed.url(), signed.expires(), signed.headers().isEmpty() ? null : signed.headers());
    }

    private BatchPartUrlsResponse batch(ApiRequest request, String key, String uploadId, List<Integer> partNumbers) {
        keys.requireOwnedBy(request.owner(), key);
        UploadIds.require(uploadId);
        List<SignedRequest> signed = signer.uploadParts(key, uploadId, partNumbers, partNumbers.stream().map(n -> Map.<String, String>of()).toList());
        Map<String, String> urls = new LinkedHashMap<>();
        long expires = Long.MAX_VALUE;
        for (int i = 0; i < partNumbers.size(); i++) {
            urls.put(Integer.toString(partNumbers.get(i)), signed.get(i).url());
            expires = Math.min(expires, signed.get(i).expires());
        }
        return new BatchPartUrlsResponse(urls, expires);
    }
}
