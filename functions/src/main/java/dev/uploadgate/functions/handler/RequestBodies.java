package dev.uploadgate.functions.handler;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.error.ErrorCode;
import dev.uploadgate.functions.json.Json;
import dev.uploadgate.functions.rules.ChecksumAlgorithm;
import dev.uploadgate.functions.rules.CompletedPart;
import dev.uploadgate.functions.rules.ETags;
import dev.uploadgate.functions.rules.PartChecksum;
import dev.uploadgate.functions.rules.PartNumbers;
import dev.uploadgate.functions.service.NewObjectRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the JSON bodies of the contract field by field, so every mistake is answered with the
 * field's name and value rather than a parser's stack of types. Unknown fields are ignored, so
 * newer clients keep working.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** {@code {"filename", "type", "metadata"?, "size"?, "partSize"?, "checksumAlgorithm"?, "checksumType"?}} */
    static NewObjectRequest newObject(String body) {
        JsonNode root = object(body);
        return new NewObjectRequest(
                requiredText(root, "filename"),
                optionalText(root, "type"),
                metadata(root.get("metadata")),
                optionalWholeNumber(root, "size"),
                optionalWholeNumber(root, "partSize"),
                optionalText(root, "checksumAlgorithm"),
                optionalText(root, "checksumType"),
                null);
    }

    /**
     * A complete's body.
     *
     * @param checksum the whole object's checksum, when given
     */
    record Completion(List<CompletedPart> parts, Optional<String> checksum) {
    }

    /**
     * {@code {"parts": [{"PartNumber", "ETag", "ChecksumCRC32C"?, ..}, ..], "checksum"?}}: a part's
     * checksum goes under S3's own member name for its algorithm.
     */
    static Completion completion(String body) {
        JsonNode root = object(body);
        return new Completion(completedParts(root), Optional.ofNullable(optionalText(root, "checksum")));
    }

    /** {@code {"parts": [{"PartNumber", "ETag"}, ..]}} */
    static List<CompletedPart> completedParts(String body) {
        return completedParts(object(body));
    }

    private static List<CompletedPart> completedParts(JsonNode root) {
        JsonNode parts = root.get("parts");
        if (parts == null || !parts.isArray()) {
            throw ApiException.invalidField("parts", describe(parts), "must be an array of {\"PartNumber\", \"ETag\"}");
        }
        if (parts.size() > PartNumbers.MAX) {
            throw new ApiException(ErrorCode.INVALID_PART_NUMBER,
                    "parts lists " + parts.size() + " parts; a multipart upload has at most " + PartNumbers.MAX);
        }
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String field = "parts[" + i + "]";
            if (!part.isObject()) {
                throw ApiException.invalidField(field, describe(part), "must be an object {\"PartNumber\", \"ETag\"}");
            }
            JsonNode number = part.get("PartNumber");
            if (number == null || !number.isIntegralNumber() || !number.canConvertToLong()) {
                throw new ApiException(ErrorCode.INVALID_PART_NUMBER,
                        field + ".PartNumber " + ApiException.quote(describe(number)) + " must be a whole number from 1 to 10000");
            }
            int partNumber = PartNumbers.require(field + ".PartNumber", number.longValue());
            JsonNode etag = part.get("ETag");
            if (etag == null || !etag.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_PART, field + ".ETag " + ApiException.quote(describe(etag)) + " must be a string");
            }
            completed.add(new CompletedPart(partNumber, ETags.normalize(field + ".ETag", etag.textValue()), partChecksum(part, field)));
        }
        return completed;
    }

    /** At most one of S3's checksum members, such as {@code ChecksumCRC32C}, each a base64 digest of its length. */
    private static Optional<PartChecksum> partChecksum(JsonNode part, String field) {
        Optional<PartChecksum> found = Optional.empty();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            JsonNode value = part.get(algorithm.memberName());
            if (value == null || value.isNull()) {
                continue;
            }
            String member = field + "." + algorithm.memberName();
            if (!value.isTextual()) {
                throw ApiException.invalidField(member, describe(value), "must be a base64 string");
            }
            if (found.isPresent()) {
                throw ApiException.invalidField(member, value.textValue(), "is a second checksum; list only the upload's algorithm");
            }
            found = Optional.of(new PartChecksum(algorithm, algorithm.requireValue(member, value.textValue())));
        }
        return found;
    }

    private static JsonNode object(String body) {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("body", body, "is not valid JSON: " + reason(e));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalidField("body", body, "must be a JSON object");
        }
        return root;
    }

    /**
     * What is wrong with a body, in the caller's terms: the parser's own messages name Java types
     * and settings, which are no business of the caller's.
     */
    private static String reason(JsonProcessingException e) {
        String parser = String.valueOf(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        if (e instanceof StreamConstraintsException) {
            return (parser.contains("nesting") ? "it nests deeper than the API allows" : "a number in it is too long") + where;
        }
        if (parser.startsWith("Duplicate field")) {
            return "a field is given twice" + where;
        }
        if (parser.startsWith("Trailing token")) {
            return "there is more after the JSON value" + where;
        }
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value does" + where;
        }
        return "unexpected content" + where;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.invalidField(field, describe(value), "is required and must be a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalidField(field, describe(value), "must be a string");
        }
        return value.textValue();
    }

    private static OptionalLong optionalWholeNumber(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalidField(field, describe(value), "must be a whole number of bytes");
        }
        return OptionalLong.of(value.longValue());
    }

    /** Scalars become text (Uppy may send numbers or nulls); nested values are refused. */
    private static Map<String, String> metadata(JsonNode metadata) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (metadata == null || metadata.isNull()) {
            return entries;
        }
        if (!metadata.isObject()) {
            throw ApiException.invalidField("metadata", describe(metadata), "must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            JsonNode value = entry.getValue();
            if (value.isContainerNode()) {
                throw ApiException.invalidField("metadata." + entry.getKey(), describe(value), "must be a string, number, boolean or null");
            }
            entries.put(entry.getKey(), value.isNull() ? null : value.asText());
        }
        return entries;
    }

    private static String describe(JsonNode value) {
        return value == null ? "(missing)" : value.toString();
    }
}
