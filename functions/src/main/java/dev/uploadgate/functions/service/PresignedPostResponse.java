package dev.uploadgate.functions.service;

import java.util.Map;

/** A browser POST form: send {@code fields} in order, then the file as the last field, to {@code url}. */
public record PresignedPostResponse(String method, String url, Map<String, String> fields, String key, long expires) {
}
