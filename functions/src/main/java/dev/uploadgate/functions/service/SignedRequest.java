package dev.uploadgate.functions.service;

import java.util.Map;

/**
 * A presigned request: the URL and the headers the client must send with it because they are
 * part of the signature (without {@code host}, which the client's HTTP stack sets from the URL),
 * and how many seconds it stays valid.
 */
public record SignedRequest(String url, Map<String, String> headers, long expires) {
    public SignedRequest {
        headers = Map.copyOf(headers);
    }
}
