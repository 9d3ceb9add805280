package dev.uploadgate.client;

import java.util.Map;

/** Where each part goes: a presigned URL, and the headers its PUT must carry. */
interface PartUrls {
    /** A URL and headers, fresh enough to use now, for a part read with this length and value. */
    Target target(int partNumber, long length, PartDigest digest) throws InterruptedException;

    /** S3 refused the part's URL (expired, most likely): the next {@link #target} presigns again. */
    void refused(int partNumber);

    /** A part's presigned PUT: every header the API returned must be sent, exactly. */
    record Target(String url, Map<String, String> headers) {
        public Target {
            headers = Map.copyOf(headers);
        }
    }
}
