package dev.uploadgate.functions.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One uploaded part, named as S3 and Uppy name its fields. */
public record PartResponse(
        @JsonProperty("PartNumber") int partNumber,
        @JsonProperty("Size") long size,
        @JsonProperty("ETag") String etag) {
}
