package dev.uploadgate.functions.service;

import java.util.Map;

/**
 * A browser POST upload: the form's action URL and the fields to send before the file, in order.
 */
public record PostForm(String url, Map<String, String> fields) {
}
