package dev.uploadgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
    private final RouteMatcher matcher = new RouteMatcher(List.of(
            Route.of("GET", "/s3/multipart/{uploadId}/{partNumber}", "PresignPart"),
            Route.of("GET", "/s3/multipart/{uploadId}/batch", "PresignBatch"),
            Route.of("POST", "/s3/multipart/{uploadId}/complete", "Complete"),
            Route.of("GET", "/s3/multipart/{uploadId}", "ListParts"),
            Route.of("DELETE", "/s3/multipart/{uploadId}", "Abort"),
            Route.of("POST", "/s3/multipart", "Create"),
            Route.of("ANY", "/files/{proxy+}", "AnyFiles"),
            Route.of("GET", "/files/{proxy+}", "GetFiles"),
            Route.of("GET", "/files/readme", "Readme")));

    private Optional<RouteMatcher.RouteMatch> match(String method, String... segments) {
        return matcher.match(method, List.of(segments));
    }

    @Test
    void match_literalSegmentAndParameterBothFit_literalWins() {
        assertThat(match("GET", "s3", "multipart", "abc", "batch"))
                .hasValueSatisfying(m -> {
                    assertThat(m.route().functionId()).isEqualTo("PresignBatch");
                    assertThat(m.pathParameters()).isEqualTo(Map.of("uploadId", "abc"));
                });
    }

    @Test
    void match_partNumber_bindsBothParameters() {
        assertThat(match("GET", "s3", "multipart", "abc", "7"))
                .hasValueSatisfying(m -> {
                    assertThat(m.route().routeKey()).isEqualTo("GET /s3/multipart/{uploadId}/{partNumber}");
                    assertThat(m.pathParameters()).isEqualTo(Map.of("uploadId", "abc", "partNumber", "7"));
                });
    }

    @Test
    void match_sameLiteralPathDifferentMethods_picksByMethod() {
        assertThat(match("DELETE", "s3", "multipart", "abc")).map(m -> m.route().functionId()).contains("Abort");
        assertThat(match("GET", "s3", "multipart", "abc")).map(m -> m.route().functionId()).contains("ListParts");
        assertThat(match("PUT", "s3", "multipart", "abc")).isEmpty();
    }

    @Test
    void match_parameterValueWithDecodedCharacters_isPassedAsIs() {
        assertThat(match("GET", "s3", "multipart", "id with space+plus", "batch"))
                .map(RouteMatcher.RouteMatch::pathParameters)
                .contains(Map.of("uploadId", "id with space+plus"));
    }

    @Test
    void match_emptySegmentForParameter_doesNotMatch() {
        assertThat(match("GET", "s3", "multipart", "", "batch")).isEmpty();
        assertThat(match("POST", "s3", "multipart", "")).isEmpty();
    }

    @Test
    void match_tooManyOrTooFewSegments_doesNotMatch() {
        assertThat(match("GET", "s3", "multipart", "a", "b", "c")).isEmpty();
        assertThat(match("GET", "s3")).isEmpty();
        assertThat(match("GET")).isEmpty();
    }

    @Test
    void match_greedyParameter_takesTheRestAndLosesToLiteralAndExactMethod() {
        assertThat(match("GET", "files", "a", "b.txt")).hasValueSatisfying(m -> {
            assertThat(m.route().functionId()).isEqualTo("GetFiles");
            assertThat(m.pathParameters()).isEqualTo(Map.of("proxy", "a/b.txt"));
        });
        assertThat(match("PUT", "files", "a")).map(m -> m.route().functionId()).contains("AnyFiles");
        assertThat(match("GET", "files", "readme")).map(m -> m.route().functionId()).contains("Readme");
        assertThat(match("GET", "files")).isEmpty();
    }

    @Test
    void match_defaultRoute_catchesOnlyWhatNothingElseMatches() {
        RouteMatcher withDefault = new RouteMatcher(List.of(
                Route.of("ANY", "$default", "Fallback"), Route.of("GET", "/x", "X")));

        assertThat(withDefault.match("GET", List.of("x"))).map(m -> m.route().functionId()).contains("X");
        assertThat(withDefault.match("POST", List.of("y", "z"))).map(m -> m.route().routeKey()).contains("$default");
    }

    @Test
    void of_greedyParameterNotLast_isTemplateError() {
        assertThatThrownBy(() -> Route.of("GET", "/a/{rest+}/b", "F"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("must be last");
    }

    @Test
    void of_pathWithoutLeadingSlash_isTemplateError() {
        assertThatThrownBy(() -> Route.of("GET", "items", "F"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("must start with '/'");
    }
}
