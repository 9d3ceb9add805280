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

    @Test
    void transform_defaults_bothApisThrottleAndLogEveryFunctionLogsWithRetention() throws Exception {
        JsonNode resources = transform("BrowserAuth=OpenNoAuth").get("Resources");

        for (String stage : List.of("UploadApiApiGatewayDefaultStage", "BrowserApiApiGatewayDefaultStage")) {
            JsonNode properties = resources.get(stage).get("Properties");
            assertThat(properties.get("DefaultRouteSettings").toString()).as(stage)
                    .isEqualTo("{\"ThrottlingBurstLimit\":{\"Ref\":\"ApiThrottlingBurstLimit\"},"
                            + "\"ThrottlingRateLimit\":{\"Ref\":\"ApiThrottlingRateLimit\"}}");
            assertThat(properties.get("AccessLogSettings").get("DestinationArn").toString()).isEqualTo("{\"Fn::GetAtt\":[\"ApiAccessLogs\",\"Arn\"]}");
            JsonNode format = JSON.readTree(properties.get("AccessLogSettings").get("Format").asText());
            assertThat(format.get("routeKey").asText()).isEqualTo("$context.routeKey");
            assertThat(format.get("status").asText()).isEqualTo("$context.status");
        }
        assertThat(resources.get("ApiAccessLogs").get("Properties").get("RetentionInDays").toString()).isEqualTo("{\"Ref\":\"LogRetentionInDays\"}");
        List<String> functions = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getValue().get("Type").asText().equals("AWS::Lambda::Function")) {
                functions.add(resource.getKey());
                JsonNode logging = resource.getValue().get("Properties").get("LoggingConfig");
                assertThat(logging.get("LogFormat").asText()).isEqualTo("JSON");
                String group = logging.get("LogGroup").get("Ref").asText();
                assertThat(resources.get(group).get("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
                assertThat(resources.get(group).get("Properties").get("RetentionInDays").toString()).isEqualTo("{\"Ref\":\"LogRetentionInDays\"}");
            }
        });
        assertThat(functions).hasSize(6);
    }

    @Test
    void transform_endpointOptions_reachEveryFunctionAndTheCreatedBucketIsAccelerated() throws Exception {
        JsonNode template = transform("UseAccelerateEndpoint=true", "UseDualStackEndpoint=true");
        JsonNode resources = template.get("Resources");

        assertThat(resources.get("UploadBucket").get("Properties").get("AccelerateConfiguration").toString())
                .isEqualTo("{\"Fn::If\":[\"CreateAcceleratedBucket\",{\"AccelerationStatus\":\"Enabled\"},{\"Ref\":\"AWS::NoValue\"}]}");
        resources.properties().forEach(resource -> {
            if (resource.getValue().get("Type").asText().equals("AWS::Lambda::Function")) {
                JsonNode variables = resource.getValue().get("Properties").get("Environment").get("Variables");
                assertThat(variables.get("BUCKET_REGION").toString()).isEqualTo("{\"Ref\":\"BucketRegion\"}");
                assertThat(variables.get("USE_ACCELERATE_ENDPOINT").toString()).isEqualTo("{\"Ref\":\"UseAccelerateEndpoint\"}");
                assertThat(variables.get("USE_DUALSTACK_ENDPOINT").toString()).isEqualTo("{\"Ref\":\"UseDualStackEndpoint\"}");
            }
        });
    }

    @Test
    void transform_kmsKey_eachRoleMayUseTheKeyForItsOperationOnly() throws Exception {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        JsonNode resources = transform("KmsKeyArn=" + key).get("Resources");

        assertThat(kmsActions(resources, "CreateMultipartFunctionRole")).containsExactly("kms:GenerateDataKey");
        assertThat(kmsActions(resources, "PresignPartFunctionRole")).containsExactly("kms:GenerateDataKey");
        assertThat(kmsActions(resources, "CompleteMultipartFunctionRole")).containsExactly("kms:Decrypt");
        assertThat(kmsActions(resources, "PresignObjectFunctionRole")).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(kmsActions(resources, "ListPartsFunctionRole")).isEmpty();
        assertThat(kmsActions(resources, "AbortMultipartFunctionRole")).isEmpty();
        String encryption = resources.get("UploadBucket").get("Properties").get("BucketEncryption").toString();
        assertThat(encryption).contains("\"Fn::If\":[\"UseKms\"").contains("\"SSEAlgorithm\":\"aws:kms\"")
                .contains("\"KMSMasterKeyID\":{\"Ref\":\"KmsKeyArn\"}").contains("\"BucketKeyEnabled\":true");
    }

    @Test
    void transform_defaults_kmsGrantsOnlyUnderUseKmsWhichIsOffWithoutAKey() throws Exception {
        JsonNode template = transform();
        JsonNode resources = template.get("Resources");

        List<String> roles = new ArrayList<>();
        resources.properties().forEach(resource -> {
            if (resource.getKey().endsWith("FunctionRole")) {
                roles.add(resource.getKey());
                kmsActions(resources, resource.getKey());
            }
        });
        assertThat(roles).hasSize(6);
        assertThat(template.get("Parameters").get("KmsKeyArn").get("Default").asText()).isEmpty();
        assertThat(template.get("Conditions").get("UseKms").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"KmsKeyArn\"},\"\"]}]}");
    }

    /**
     * The KMS actions a function's role is granted: each one only under the UseKms condition and
     * only on the stack's key.
     */
    private static List<String> kmsActions(JsonNode resources, String role) {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : statements(resources.get(role))) {
            if (!statement.toString().contains("kms:")) {
                continue;
            }
            JsonNode condition = statement.get("Fn::If");
            assertThat(condition).as(role + " grants KMS only under a condition").isNotNull();
            assertThat(condition.get(0).asText()).isEqualTo("UseKms");
            assertThat(condition.get(2).toString()).isEqualTo("{\"Ref\":\"AWS::NoValue\"}");
            JsonNode granted = condition.get(1);
            assertThat(granted.get("Effect").asText()).isEqualTo("Allow");
            assertThat(granted.get("Resource").toString()).isEqualTo("{\"Ref\":\"KmsKeyArn\"}");
            JsonNode action = granted.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }

    private static List<JsonNode> statements(JsonNode role) {
        List<JsonNode> statements = new ArrayList<>();
        role.get("Properties").get("Policies").forEach(policy ->
                policy.get("PolicyDocument").get("Statement").forEach(statements::add));
        return statements;
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
