package dev.uploadgate.functions.service;

import java.util.Map;

/** A presigned PUT: send the file as the body to {@code url} with every header in {@code headers}. */
public record PresignedPutResponse(String method, String url, Map<String, String> headers, String key, long expires) {
}
