package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;

/**
 * How S3 checksums a multipart object: FULL_OBJECT, one CRC of all the bytes (the parts' CRCs
 * combined); COMPOSITE, a checksum of the parts' checksums, written {@code <base64>-<parts>}.
 */
public enum ChecksumType {
    FULL_OBJECT,
    COMPOSITE;

    public static ChecksumType parse(String field, String name) {
        if (name != null) {
            for (ChecksumType type : values()) {
                if (type.name().equalsIgnoreCase(name.strip())) {
                    return type;
                }
            }
        }
        throw ApiException.invalidField(field, name, "must be FULL_OBJECT or COMPOSITE");
    }
}
