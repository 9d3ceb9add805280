package dev.uploadgate.functions.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigningKeysTest {
    private final SigningKeys keys = new SigningKeys();

    @Test
    void key_sameCredentialsDateAndRegion_isTheDerivedKey() {
        keys.key("AKID", "secret", "20261123", "eu-west-1");

        assertThat(keys.key("AKID", "secret", "20261123", "eu-west-1"))
                .isEqualTo(SigV4Keys.signingKey("secret", "20261123", "eu-west-1", "s3"));
    }

    @Test
    void key_nextDay_isDerivedAgain() {
        keys.key("AKID", "secret", "20261123", "eu-west-1");

        assertThat(keys.key("AKID", "secret", "20261124", "eu-west-1"))
                .isEqualTo(SigV4Keys.signingKey("secret", "20261124", "eu-west-1", "s3"));
    }

    @Test
    void key_newCredentialsSameDay_isDerivedAgain() {
        keys.key("ASIAOLD", "old-secret", "20261123", "eu-west-1");

        assertThat(keys.key("ASIANEW", "new-secret", "20261123", "eu-west-1"))
                .isEqualTo(SigV4Keys.signingKey("new-secret", "20261123", "eu-west-1", "s3"));
        assertThat(keys.key("ASIANEW", "rotated-secret", "20261123", "eu-west-1"))
                .isEqualTo(SigV4Keys.signingKey("rotated-secret", "20261123", "eu-west-1", "s3"));
    }

    @Test
    void key_otherRegion_isDerivedAgain() {
        keys.key("AKID", "secret", "20261123", "eu-west-1");

        assertThat(keys.key("AKID", "secret", "20261123", "us-east-1"))
                .isEqualTo(SigV4Keys.signingKey("secret", "20261123", "us-east-1", "s3"));
    }
}
