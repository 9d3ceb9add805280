package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateRoutesTest {

    @Test
    void read_testTemplate_findsFunctionsWithHandlersAndLimits() {
        SamTemplate template = TestTemplates.gateway();
        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));

        assertThat(api.functions()).extracting(FunctionDefinition::logicalId).containsExactly("EchoFunction", "FailingFunction");
        FunctionDefinition echo = api.functions().get(0);
        assertThat(echo.handlerClass()).isEqualTo("dev.uploadgate.local.EchoHandler");
        assertThat(echo.handlerMethod()).isEqualTo("handleRequest");
        assertThat(echo.timeoutSeconds()).isEqualTo(5);
        assertThat(echo.memoryMb()).isEqualTo(512);
        assertThat(api.functions().get(1).timeoutSeconds()).isEqualTo(10);
        assertThat(echo.environment()).containsKeys("GREETING", "BUCKET_NAME", "FUNCTION_ONLY");
        assertThat(api.functions().get(1).environment()).doesNotContainKey("FUNCTION_ONLY");
    }

    @Test
    void read_testTemplate_findsEveryHttpApiRoute() {
        SamTemplate template = TestTemplates.gateway();
        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));

        assertThat(api.routes()).extracting(Route::routeKey).containsExactlyInAnyOrder(
                "GET /items/{id}/{part}", "GET /items/{id}/batch", "POST /items", "GET /env", "GET /binary", "ANY /boom");
    }

    @Test
    void read_testTemplate_resolvesCorsConfiguration() {
        SamTemplate template = TestTemplates.gateway();
        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));

        assertThat(api.cors()).contains(new CorsPolicy(List.of("http://localhost:3000", "http://app.example"),
                List.of("GET", "POST", "DELETE"), List.of("content-type", "authorization"), List.of("x-request-id"),
                Optional.of(300), false));
    }

    @Test
    void read_projectTemplate_servesTheContractRoutesWithTheirHandlers() {
        SamTemplate template = TestTemplates.project();
        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));

        assertThat(api.routes()).extracting(Route::routeKey).containsExactlyInAnyOrder(
                "POST /s3/multipart",
                "GET /s3/multipart/{uploadId}/{partNumber}",
                "GET /s3/multipart/{uploadId}/batch",
                "POST /s3/multipart/{uploadId}/complete",
                "GET /s3/multipart/{uploadId}",
                "DELETE /s3/multipart/{uploadId}",
                "GET /s3/params",
                "GET /s3/download");
        assertThat(api.functions()).allSatisfy(function -> {
            assertThat(function.handlerClass()).startsWith("dev.uploadgate.functions.handler.");
            assertThat(function.handlerMethod()).isEqualTo("handleRequest");
        });
        assertThat(api.cors()).hasValueSatisfying(cors -> {
            assertThat(cors.allowOrigins()).contains("http://localhost:3000");
            assertThat(cors.allowMethods()).contains("GET", "POST", "DELETE");
        });
    }

    @Test
    void read_projectTemplate_bucketOriginsComeFromAllowedOrigins() {
        SamTemplate template = TestTemplates.project();

        assertThat(BucketOrigins.of(template, TestTemplates.resolver(template)))
                .containsExactlyElementsOf(TestTemplates.resolver(template).resolveList(Map.of("Ref", "AllowedOrigins")));
    }

    @Test
    void read_sameRouteTwice_isTemplateErrorNamingBoth() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.A::handleRequest
                      Events:
                        E: {Type: HttpApi, Properties: {Method: GET, Path: /same}}
                  B:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.B::handleRequest
                      Events:
                        E: {Type: HttpApi, Properties: {Method: get, Path: /same}}
                """, "dup.yaml");

        assertThatThrownBy(() -> TemplateRoutes.read(template, TestTemplates.resolver(template)))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("GET /same").hasMessageContaining("A").hasMessageContaining("B");
    }

    @Test
    void read_eventWithoutPathOrMethod_isDefaultRouteOfImplicitApi() {
        SamTemplate template = SamTemplate.parse("""
                Globals:
                  HttpApi:
                    CorsConfiguration: true
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.A
                      Events:
                        All: {Type: HttpApi}
                """, "default.yaml");

        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));

        assertThat(api.routes()).extracting(Route::routeKey).containsExactly("$default");
        assertThat(api.functions().get(0).handlerMethod()).isEqualTo("handleRequest");
        assertThat(api.functions().get(0).timeoutSeconds()).isEqualTo(3);
        assertThat(api.cors()).contains(CorsPolicy.allowAll());
    }

    @Test
    void read_malformedHandler_isTemplateError() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: "x.A::"
                """, "handler.yaml");

        assertThatThrownBy(() -> TemplateRoutes.read(template, TestTemplates.resolver(template)))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("x.A::");
    }
}
