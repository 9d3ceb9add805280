package dev.uploadgate.functions.service;

import java.util.Map;

/**
 * Presigned UploadPart URLs by part number (as text, the JSON object's keys), and for each part
 * the headers its PUT must carry because they are signed (null when no part has any).
 */
public record BatchPartUrlsResponse(Map<String, String> presignedUrls, long expires, Map<String, Map<String, String>> headers) {
}
