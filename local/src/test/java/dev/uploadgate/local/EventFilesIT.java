package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recorded event in ../events/ through its function on the runtime path of
 * {@code local.jar invoke} (a Lambda runtime process, the embedded S3 server): each one is
 * answered with a payload 2.0 response, never a function error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = Path.of("..", "events");

    private InvokeCommand.Session session;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        session = InvokeCommand.Session.start(Optional.of(Path.of("..", "template.yaml")), Map.of(), data, "uploads", 2,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() throws IOException {
        session.close();
    }

    static List<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The function the template routes the event's routeKey to: what `sam local invoke` is given by hand. */
    String functionFor(JsonNode event) {
        String routeKey = event.get("routeKey").asText();
        return session.api().routes().stream().filter(route -> route.routeKey().equals(routeKey))
                .map(Route::functionId).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + routeKey + " in template.yaml"));
    }

    /** The response the function wrote for this event file. */
    JsonNode invoke(Path file) throws IOException {
        byte[] event = Files.readAllBytes(file);
        RuntimeEnvironment.Result result = session.invoke(functionFor(JSON.readTree(event)), event, Optional.empty());
        String body = new String(result.body(), StandardCharsets.UTF_8);
        assertThat(result.error()).as("%s: %s%n%s", file, body, log.toString(StandardCharsets.UTF_8)).isFalse();
        return JSON.readTree(body);
    }

    @Test
    void everyEventFile_isAnsweredWithAPayload2Response() throws Exception {
        List<Path> files = eventFiles();
        assertThat(files).hasSize(36);
        for (Path file : files) {
            JsonNode response = invoke(file);

            assertThat(response.get("statusCode").asInt()).as("%s: %s", file, response).isBetween(200, 499);
            JsonNode body = JSON.readTree(response.get("body").asText());
            if (response.get("statusCode").asInt() >= 400) {
                assertThat(body.get("code").asText()).as("%s: %s", file, response).isNotBlank();
            }
        }
    }

    /**
     * The owner each authorizer context yields, as keys show it: an IAM user is its user id, an
     * assumed role its role id whatever the session, a JWT its subject, and no authorizer the
     * shared "public". Every variant's own key (under that owner) is accepted on every route.
     */
    @Test
    void authorizerVariants_yieldTheirOwnersOnEveryRoute() throws Exception {
        Map<String, String> owners = Map.of(
                "", "public",
                ".iam-user", "iam-AIDAEXAMPLEUSERID01",
                ".assumed-role", "iam-AROAEXAMPLEROLEID01",
                ".jwt", "jwt-9b2f6c1e-4d3a-4f7e-8c21-5a6b7c8d9e0f");
        List<String> routes = eventFiles().stream().map(file -> file.getFileName().toString())
                .filter(name -> name.indexOf('.') == name.lastIndexOf('.')).map(name -> name.replace(".json", "")).toList();
        assertThat(routes).hasSize(9);
        for (String route : routes) {
            for (Map.Entry<String, String> variant : owners.entrySet()) {
                Path file = EVENTS.resolve(route + variant.getKey() + ".json");
                assertThat(file).as("every route has the %s variant", variant.getKey()).exists();

                JsonNode response = invoke(file);

                String body = response.get("body").asText();
                assertThat(body).as("%s: %s", file, response).doesNotContain("AccessDenied");
                if (route.equals("create-multipart") || route.startsWith("presign-p")) {
                    // Answers that carry the key the server chose or signed.
                    assertThat(body).as(file.toString()).contains("uploads/" + variant.getValue() + "/");
                }
            }
        }
    }

    @Test
    void iamUserEvent_otherOwnersKey_isAccessDenied() throws Exception {
        byte[] event = Files.readAllBytes(EVENTS.resolve("presign-download.iam-user.json"));
        JsonNode parsed = JSON.readTree(event);
        byte[] othersKey = new String(event, StandardCharsets.UTF_8)
                .replace("iam-AIDAEXAMPLEUSERID01", "iam-AROAEXAMPLEROLEID01").getBytes(StandardCharsets.UTF_8);

        RuntimeEnvironment.Result result = session.invoke(functionFor(parsed), othersKey, Optional.empty());

        JsonNode response = JSON.readTree(result.body());
        assertThat(response.get("statusCode").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(response.get("body").asText()).get("code").asText()).isEqualTo("AccessDenied");
    }

    @Test
    void createEvent_opensAnUploadOnTheEmbeddedS3() throws Exception {
        JsonNode response = invoke(EVENTS.resolve("create-multipart.json"));

        JsonNode body = JSON.readTree(response.get("body").asText());
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body.get("key").asText()).startsWith("uploads/public/");
        try (var s3 = LocalModeIT.adminClient(session.s3())) {
            assertThat(s3.listMultipartUploads(b -> b.bucket("uploads")).uploads())
                    .anySatisfy(upload -> assertThat(upload.uploadId()).isEqualTo(body.get("uploadId").asText()));
        }
    }
}
