package dev.uploadgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uploadgate.functions.testing.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API as a client on the network sees it: plain HTTP to the gateway for the API calls, and
 * plain HTTP to the presigned URLs for the bytes (no AWS SDK anywhere).
 */
final class ContractClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String api;

    ContractClient(String api) {
        this.api = api;
    }

    /** An API answer with its body parsed. */
    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.get(field).asText();
        }
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(api + pathAndQuery)).GET());
    }

    Answer post(String pathAndQuery, String json) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(api + pathAndQuery))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String pathAndQuery) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(api + pathAndQuery)).DELETE());
    }

    private static Answer call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (!response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            throw new AssertionError("API answered " + response.statusCode() + " without JSON: " + response.body());
        }
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** PUTs bytes to a presigned URL with the headers the API said to send (octet-stream unless signed otherwise). */
    static HttpResponse<byte[]> put(String url, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(Map.of("content-type", "application/octet-stream"));
        all.putAll(headers);
        return PlainHttp.put(url, body, all);
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = PlainHttp.get(url);
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode());
        }
        return response.body();
    }

    /** A browser's multipart/form-data POST: the form's fields in order, then the file. */
    static HttpResponse<byte[]> postForm(String url, JsonNode fields, String fileName, byte[] file) throws IOException, InterruptedException {
        Map<String, String> formFields = new LinkedHashMap<>();
        fields.properties().forEach(field -> formFields.put(field.getKey(), field.getValue().asText()));
        return PlainHttp.postForm(url, formFields, fileName, "application/octet-stream", file);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
