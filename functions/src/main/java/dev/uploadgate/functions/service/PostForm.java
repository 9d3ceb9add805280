package dev.uploadgate.functions.service;

import java.util.Map;

/**
 * A browser POST upload: the form's action URL, the fields to send before the file in order, and
 * how many seconds the form stays valid.
 */
public record PostForm(String url, Map<String, String> fields, long expires) {
}
