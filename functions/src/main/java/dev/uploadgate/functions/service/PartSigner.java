package dev.uploadgate.functions.service;

import java.util.List;
import java.util.Map;

/**
 * Signs UploadPart URLs: {@link UrlSigner} in the functions. {@link PresignParts} depends on this
 * alone, so the signer decision's benchmark runs the real presign path with the SDK's signer.
 */
public interface PartSigner {

    /**
     * An UploadPart URL with the given headers signed (content-length, content-md5,
     * x-amz-checksum-*), so S3 refuses a body that differs from what they describe.
     *
     * @param headers lower-case names to values
     */
    SignedRequest uploadPart(String key, String uploadId, int partNumber, Map<String, String> headers);

    /** UploadPart URLs, in the order of the part numbers, each with its own signed headers. */
    List<SignedRequest> uploadParts(String key, String uploadId, List<Integer> partNumbers, List<Map<String, String>> headers);
}
