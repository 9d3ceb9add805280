package dev.uploadgate.functions.service;

import java.util.Map;

/**
 * A presigned UploadPart URL.
 *
 * @param expires seconds the URL stays valid
 * @param headers headers the PUT must carry because they are signed; null when there are none
 */
public record PartUrlResponse(String url, long expires, Map<String, String> headers) {
}
