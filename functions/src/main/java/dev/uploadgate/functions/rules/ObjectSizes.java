package dev.uploadgate.functions.rules;

import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;

/** Sizes a caller declares up front, checked against the configured maximum before anything is signed or created. */
public final class ObjectSizes {
    private ObjectSizes() {
    }

    public static long requireWithinLimit(String field, long size, long maxObjectSize) {
        if (size < 0) {
            throw ApiException.invalidField(field, size, "must not be negative");
        }
        if (size > maxObjectSize) {
            throw new ApiException(ErrorCode.ENTITY_TOO_LARGE,
                    field + " " + size + " is above the maximum object size of " + maxObjectSize + " bytes");
        }
        return size;
    }
}
