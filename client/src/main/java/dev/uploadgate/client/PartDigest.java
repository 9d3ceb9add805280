package dev.uploadgate.client;

import java.util.Base64;

/**
 * One part's value in the upload's algorithm (a CRC as S3's big-endian bytes, a SHA-256 or an MD5),
 * with the part's length, which combining CRCs needs. Empty for {@link ChecksumAlgorithm#NONE}.
 */
record PartDigest(byte[] value, long length) {
    PartDigest {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    String hex() {
        return Digests.hex(value);
    }
}
