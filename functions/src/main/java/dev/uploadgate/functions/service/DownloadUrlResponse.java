package dev.uploadgate.functions.service;

/** A presigned GET of one of the caller's objects. */
public record DownloadUrlResponse(String url, long expires) {
}
