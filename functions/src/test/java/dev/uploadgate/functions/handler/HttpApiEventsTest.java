package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.uploadgate.functions.error.ApiException;
import dev.uploadgate.functions.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The event is filled from a tree as Jackson's bean binding would fill it, and a field of the wrong kind is named. */
class HttpApiEventsTest {

    @Test
    void read_everyRecordedEvent_equalsJacksonsBeanBindingOfIt() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("..", "events"))) {
            files = listed.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);

        for (Path file : files) {
            byte[] event = Files.readAllBytes(file);
            APIGatewayV2HTTPEvent bound = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event);

            assertThat(HttpApiEvents.read(event)).as(file.toString()).isEqualTo(bound);
        }
    }

    @Test
    void read_everyField_isSetAsTheBeanBindingSetsIt() throws IOException {
        String json = "{\"version\":\"2.0\",\"routeKey\":\"GET /a\",\"rawPath\":\"/a\",\"rawQueryString\":\"x=1\",\"cookies\":[\"c=1\",null],"
                + "\"headers\":{\"h\":\"v\",\"n\":null},\"queryStringParameters\":{\"x\":\"1\"},\"pathParameters\":{\"p\":\"q\"},"
                + "\"stageVariables\":{\"s\":\"t\"},\"body\":\"Ym9keQ==\",\"isBase64Encoded\":true,\"unknown\":[1,{\"deep\":true}],"
                + "\"requestContext\":{\"routeKey\":\"GET /a\",\"accountId\":\"123\",\"stage\":\"$default\",\"apiId\":\"api\","
                + "\"domainName\":\"d.example\",\"domainPrefix\":\"d\",\"time\":\"30/Nov/2026:04:00:00 +0000\",\"timeEpoch\":1796000000000,"
                + "\"requestId\":\"r-1\",\"http\":{\"method\":\"GET\",\"path\":\"/a\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"192.0.2.1\","
                + "\"userAgent\":\"ua\"},\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"s-1\"},\"scopes\":[\"read\"]},"
                + "\"lambda\":{\"tenant\":\"t\",\"n\":3,\"ok\":false,\"list\":[1,\"two\",null],\"map\":{\"k\":1.5}},"
                + "\"iam\":{\"accessKey\":\"AKID\",\"accountId\":\"123\",\"callerId\":\"AROA:s\",\"principalOrgId\":\"o-1\","
                + "\"userArn\":\"arn:aws:iam::123:user/u\",\"userId\":\"AIDA\",\"cognitoIdentity\":{\"amr\":[\"authenticated\"],"
                + "\"identityId\":\"us-east-1:id\",\"identityPoolId\":\"us-east-1:pool\"}}}}}";
        byte[] event = json.getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent bound = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event);

        APIGatewayV2HTTPEvent read = HttpApiEvents.read(event);

        assertThat(read).isEqualTo(bound);
        assertThat(read.getRequestContext().getAuthorizer().getLambda())
                .containsEntry("n", 3).containsEntry("ok", false).containsEntry("map", Map.of("k", 1.5));
        assertThat(read.getRequestContext().getTimeEpoch()).isEqualTo(1796000000000L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"rawPath\":7}|rawPath",
        "{\"isBase64Encoded\":\"yes\"}|isBase64Encoded",
        "{\"cookies\":\"c=1\"}|cookies",
        "{\"cookies\":[\"a\",2]}|cookies[1]",
        "{\"pathParameters\":[\"uploadId\"]}|pathParameters",
        "{\"pathParameters\":{\"uploadId\":{\"nested\":true}}}|pathParameters.uploadId",
        "{\"requestContext\":\"r\"}|requestContext",
        "{\"requestContext\":{\"timeEpoch\":1.5}}|requestContext.timeEpoch",
        "{\"requestContext\":{\"authorizer\":{\"iam\":{\"userId\":42}}}}|requestContext.authorizer.iam.userId",
        "{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":true}}}}}|requestContext.authorizer.jwt.claims.sub"})
    void read_fieldOfTheWrongKind_isA400NamingItsPath(String event, String path) {
        assertThatThrownBy(() -> HttpApiEvents.read(event.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class)
                .hasMessage("the request event's field " + path + " has the wrong kind of value");
    }
}
