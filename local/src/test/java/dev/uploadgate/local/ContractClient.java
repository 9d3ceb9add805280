package dev.uploadgate.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

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

    /** PUTs bytes to a presigned URL with the headers the API said to send; returns the response. */
    static HttpResponse<String> put(String url, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).equals("content-length")) { // the JDK client sets it from the body
                request.setHeader(name, value);
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode());
        }
        return response.body();
    }

    /** A browser's multipart/form-data POST: the form's fields in order, then the file. */
    static HttpResponse<String> postForm(String url, JsonNode fields, String fileName, byte[] file) throws IOException, InterruptedException {
        String boundary = "----contract" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        fields.properties().forEach(field -> parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                + "\"\r\n\r\n" + field.getValue().asText() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("content-type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(concat(parts))).build(), HttpResponse.BodyHandlers.ofString());
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

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One array, so the request has a Content-Length as a browser's form post does (S3 requires it). */
    private static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(part -> part.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
