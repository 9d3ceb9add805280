package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.uploadgate.functions.rules.Owner;
import dev.uploadgate.functions.rules.Owners;
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

    @Test
    void owner_federationTokenUsersAndTheRootUser_areEachTheirOwnOwner() {
        Owner alice = ownerOf(iam("123456789012:federated-alice"));
        Owner bob = ownerOf(iam("123456789012:federated-bob"));
        Owner root = ownerOf(iam("123456789012"));

        assertThat(alice).isNotEqualTo(bob).isNotEqualTo(root);
        assertThat(bob).isNotEqualTo(root);
        assertThat(root.value()).isEqualTo("iam-123456789012");
    }

    @Test
    void owner_cognitoIdentityPoolUsersOfOneRole_areEachTheirOwnOwner() {
        Owner alice = ownerOf(cognito("AROACOGNITOROLE:CognitoIdentityCredentials", "us-east-1:2f1c0f0e-7c2a-4c6b-9d9e-1b2a3c4d5e6f"));
        Owner bob = ownerOf(cognito("AROACOGNITOROLE:CognitoIdentityCredentials", "us-east-1:8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d"));

        assertThat(alice).isNotEqualTo(bob).isNotEqualTo(ownerOf(iam("AROACOGNITOROLE:CognitoIdentityCredentials")));
    }

    @Test
    void owner_assumedRoleWithOwnerPerRoleSession_isTheSession() {
        Owners perSession = new Owners(true);

        assertThat(ownerOf(iam("AROAEXAMPLEROLE:session-1"), perSession)).isNotEqualTo(ownerOf(iam("AROAEXAMPLEROLE:session-2"), perSession));
        assertThat(ownerOf(iam("AIDAEXAMPLEUSER"), perSession)).isEqualTo(ownerOf(iam("AIDAEXAMPLEUSER")));
    }

    private static String cognito(String userId, String identityId) {
        return "{\"iam\":{\"accessKey\":\"ASIAEXAMPLE\",\"userId\":\"" + userId + "\",\"cognitoIdentity\":{\"amr\":[\"authenticated\"],"
                + "\"identityId\":\"" + identityId + "\",\"identityPoolId\":\"us-east-1:pool\"}}}";
    }

    private static Owner ownerOf(String authorizerJson, Owners owners) {
        String event = "{\"version\":\"2.0\",\"requestContext\":{\"requestId\":\"r\",\"authorizer\":" + authorizerJson + "}}";
        return ApiRequest.from(HttpApiEvents.read(event.getBytes(StandardCharsets.UTF_8)), owners).owner();
    }

    private static String iam(String userId) {
        return "{\"iam\":{\"accessKey\":\"AKIAEXAMPLE\",\"userId\":\"" + userId + "\"}}";
    }

    private static Owner ownerOf(String authorizerJson) {
        String event = "{\"version\":\"2.0\",\"requestContext\":{\"requestId\":\"r\",\"authorizer\":" + authorizerJson + "}}";
        return ApiRequest.from(HttpApiEvents.read(event.getBytes(StandardCharsets.UTF_8))).owner();
    }
}
