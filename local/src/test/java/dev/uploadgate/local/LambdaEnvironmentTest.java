package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEnvironmentTest {
    private final SamTemplate template = TestTemplates.gateway();
    private final IntrinsicResolver resolver = TestTemplates.resolver(template);
    private final FunctionDefinition echo = TemplateRoutes.read(template, resolver).functions().get(0);

    @Test
    void of_withBucketOverride_resolvesEveryOtherVariable() {
        Map<String, String> environment = LambdaEnvironment.of(echo, resolver, Map.of("BUCKET_NAME", "local-bucket", "AWS_REGION", "us-east-1"));

        assertThat(environment)
                .containsEntry("BUCKET_NAME", "local-bucket")
                .containsEntry("GREETING", "hello")
                .containsEntry("LIMIT", "42")
                .containsEntry("WHERE", "hello from us-east-1")
                .containsEntry("FUNCTION_ONLY", "echo-42")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "EchoFunction")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .doesNotContainKey("OPTIONAL");
    }

    @Test
    void of_unresolvableVariableNotOverridden_namesTheVariable() {
        assertThatThrownBy(() -> LambdaEnvironment.of(echo, resolver, Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("BUCKET_NAME").hasMessageContaining("EchoFunction").hasMessageContaining("Bucket");
    }

    @Test
    void of_projectTemplate_resolvesEverythingButTheBucket() {
        SamTemplate project = TestTemplates.project();
        IntrinsicResolver projectResolver = TestTemplates.resolver(project);
        FunctionDefinition function = TemplateRoutes.read(project, projectResolver).functions().get(0);

        Map<String, String> environment = LambdaEnvironment.of(function, projectResolver, Map.of("BUCKET_NAME", "uploads"));

        assertThat(environment).containsEntry("BUCKET_NAME", "uploads")
                .containsEntry("KEY_PREFIX", "uploads/")
                .containsKeys("URL_EXPIRES_SECONDS", "MAX_OBJECT_SIZE_BYTES", "ALLOWED_CONTENT_TYPES");
    }
}
