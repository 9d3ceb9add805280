package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.rules.Owner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void owner_jwtSubject_isTheTokensSubjectMarkedAsJwt() {
        Owner owner = ownerOf("{\"jwt\":{\"claims\":{\"sub\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"},\"scopes\":null}}");

        assertThat(owner.value()).isEqualTo("jwt-0f8fad5b-d9cb-469f-a165-70867728950e");
    }

    @Test
    void owner_iamUser_isThePrincipalIdMarkedAsIam() {
        assertThat(ownerOf(iam("AIDAEXAMPLEUSER")).value()).isEqualTo("iam-AIDAEXAMPLEUSER");
    }

    @Test
    void owner_assumedRoleSessions_areOneOwner() {
        assertThat(ownerOf(iam("AROAEXAMPLEROLE:session-1"))).isEqualTo(ownerOf(iam("AROAEXAMPLEROLE:other-session")));
    }

    @Test
    void owner_subjectNamedLikeAnIamPrincipal_cannotTakeItsPrefix() {
        Owner jwt = ownerOf("{\"jwt\":{\"claims\":{\"sub\":\"AIDAEXAMPLEUSER\"}}}");

        assertThat(jwt).isNotEqualTo(ownerOf(iam("AIDAEXAMPLEUSER")));
    }

    @Test
    void owner_noAuthorizer_isThePublicOwner() {
        assertThat(ownerOf("null")).isEqualTo(Owner.PUBLIC);
    }

    @Test
    void owner_emptyJwtSubjectBesideAnIamCaller_isTheIamCaller() {
        Owner owner = ownerOf("{\"jwt\":{\"claims\":{\"sub\":\"\"}},\"iam\":{\"userId\":\"AIDAEXAMPLEUSER\"}}");

        assertThat(owner).isEqualTo(ownerOf(iam("AIDAEXAMPLEUSER")));
    }

    private static String iam(String userId) {
        return "{\"iam\":{\"accessKey\":\"AKIAEXAMPLE\",\"userId\":\"" + userId + "\"}}";
    }

    private static Owner ownerOf(String authorizerJson) {
        String event = "{\"version\":\"2.0\",\"requestContext\":{\"requestId\":\"r\",\"authorizer\":" + authorizerJson + "}}";
        return ApiRequest.from(HttpApiEvents.read(event.getBytes(StandardCharsets.UTF_8))).owner();
    }
}
