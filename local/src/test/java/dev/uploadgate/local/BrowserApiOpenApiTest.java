package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser API is an OpenAPI body (SAM cannot make function events conditional) beside the
 * functions' HttpApi events, which local mode and the IAM API route by: the two must name the same
 * routes, each with the same function, or the deployed browser API would drift from what local
 * mode serves and tests.
 */
class BrowserApiOpenApiTest {
    private static final Pattern FUNCTION_IN_URI = Pattern.compile("\\$\\{(\\w+)\\.Alias}");

    @Test
    void browserApiPaths_equalTheFunctionsEvents_routeForRouteAndFunctionForFunction() {
        SamTemplate template = SamTemplate.load(Path.of("..", "template.yaml"));
        TemplateRoutes api = TemplateRoutes.read(template, TestTemplates.resolver(template));
        Set<String> events = new TreeSet<>();
        api.routes().forEach(route -> events.add(route.routeKey() + " -> " + route.functionId()));

        Map<String, Object> browserApi = SamTemplate.asMap(template.resourcesOfType(TemplateRoutes.HTTP_API_TYPE).get("BrowserApi"), "BrowserApi");
        Map<String, Object> properties = SamTemplate.asMap(browserApi.get("Properties"), "BrowserApi.Properties");
        Map<String, Object> body = SamTemplate.asMap(properties.get("DefinitionBody"), "DefinitionBody");
        Set<String> openApi = new TreeSet<>();
        SamTemplate.asMap(body.get("paths"), "paths").forEach((path, methods) ->
                SamTemplate.asMap(methods, path).forEach((method, operation) -> {
                    Map<String, Object> integration = SamTemplate.asMap(
                            SamTemplate.asMap(operation, path + " " + method).get("x-amazon-apigateway-integration"), "integration");
                    Matcher function = FUNCTION_IN_URI.matcher(String.valueOf(integration.get("uri")));
                    assertThat(function.find()).as("%s %s integrates a function alias: %s", method, path, integration).isTrue();
                    openApi.add(method.toUpperCase(Locale.ROOT) + " " + path + " -> " + function.group(1));
                }));

        assertThat(openApi).isNotEmpty().isEqualTo(events);
    }
}
