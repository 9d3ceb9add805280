package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnersTest {
    private final Owners owners = Owners.DEFAULT;

    @Test
    void of_eachKindOfCaller_isMarkedWithItsKind() {
        assertThat(owners.of("sub-1", null, null).value()).isEqualTo("jwt-sub-1");
        assertThat(owners.of(null, "AIDAUSER", null).value()).isEqualTo("iam-AIDAUSER");
        assertThat(owners.of(null, "AROAROLE:session", null).value()).isEqualTo("iam-AROAROLE");
        assertThat(owners.of(null, null, null)).isEqualTo(Owner.PUBLIC);
    }

    @Test
    void of_identitiesWithUnsafeCharacters_areDigestsThatNeverCollide() {
        Owner federated = owners.of(null, "123456789012:federated-alice", null);
        Owner cognito = owners.of(null, "AROAROLE:CognitoIdentityCredentials", "us-east-1:alice");

        assertThat(federated.value()).startsWith("sha-");
        assertThat(cognito.value()).startsWith("sha-").isNotEqualTo(federated.value());
        assertThat(owners.of(null, "AROAROLE:x", "us-east-1:bob")).isNotEqualTo(cognito);
    }
}
