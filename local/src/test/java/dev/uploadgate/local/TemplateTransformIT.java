package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What CloudFormation receives once SAM has transformed the template (with the SAM translator
 * cfn-lint ships with): the service API authorizes every route with AWS_IAM, and the browser API
 * exists only when asked for, with a JWT on every route unless opened explicitly.
 */
class TemplateTransformIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transform_defaults_everyServiceRouteRequiresIamAndTheBrowserApiIsConditional() throws Exception {
        JsonNode resources = transform().get("Resources");

        JsonNode paths = resources.get("UploadApi").get("Properties").get("Body").get("paths");
        assertThat(paths.size()).isEqualTo(7);
        paths.properties().forEach(path -> path.getValue().properties().forEach(method ->
                assertThat(method.getValue().get("security").toString()).as(path.getKey() + " " + method.getKey())
                        .isEqualTo("[{\"AWS_IAM\":[]}]")));
        assertThat(resources.get("BrowserApi").get("Condition").asText()).isEqualTo("BrowserApiEnabled");
        List<String> browserPermissions = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getKey().endsWith("BrowserPermission")) {
                browserPermissions.add(resource.getKey());
                assertThat(resource.getValue().get("Condition").asText()).isEqualTo("BrowserApiEnabled");
            }
        });
        assertThat(browserPermissions).hasSize(6);
    }

    @Test
    void transform_browserJwt_everyBrowserRouteNamesTheJwtAuthorizerUnderItsCondition() throws Exception {
        JsonNode body = transform("BrowserAuth=Jwt", "JwtIssuer=https://issuer.example", "JwtAudience=app").get("Resources")
                .get("BrowserApi").get("Properties").get("Body");

        body.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (!method.getKey().startsWith("x-")) {
                assertThat(method.getValue().get("security").toString()).as(path.getKey() + " " + method.getKey())
                        .isEqualTo("{\"Fn::If\":[\"BrowserJwt\",[{\"BrowserJwt\":[]}],[]]}");
            }
        }));
        assertThat(body.get("components").toString()).contains("\"type\":\"jwt\"").contains("JwtIssuer");
    }

    private static JsonNode transform(String... parameters) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of(TemplateTransformIT.class.getResource("/sam_transform.py").toURI()).toString(),
                TestTemplates.PROJECT_TEMPLATE.toString()));
        command.addAll(List.of(parameters));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("AWS_DEFAULT_REGION", "us-east-1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the SAM translator accepted the template").isZero();
        return JSON.readTree(output);
    }
}
