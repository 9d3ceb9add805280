package dev.uploadgate.functions.service;

import java.util.Map;

/** Presigned UploadPart URLs by part number (as text, the JSON object's keys). */
public record BatchPartUrlsResponse(Map<String, String> presignedUrls, long expires) {
}
