package dev.uploadgate.functions.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import dev.uploadgate.functions.rules.Owner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void owner_jwtSubject_isTheTokensSubjectMarkedAsJwt() {
        Owner owner = ownerOf(RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", "0f8fad5b-d9cb-469f-a165-70867728950e")).build())
                .build());

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
        Owner jwt = ownerOf(RequestContext.Authorizer.builder()
                .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", "AIDAEXAMPLEUSER")).build()).build());

        assertThat(jwt).isNotEqualTo(ownerOf(iam("AIDAEXAMPLEUSER")));
    }

    @Test
    void owner_noAuthorizer_isThePublicOwner() {
        assertThat(ownerOf(null)).isEqualTo(Owner.PUBLIC);
    }

    private static RequestContext.Authorizer iam(String userId) {
        return RequestContext.Authorizer.builder().withIam(RequestContext.IAM.builder().withUserId(userId).build()).build();
    }

    private static Owner ownerOf(RequestContext.Authorizer authorizer) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRequestContext(RequestContext.builder().withAuthorizer(authorizer).build()).build();
        return ApiRequest.from(event).owner();
    }
}
