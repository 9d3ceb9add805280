package dev.uploadgate.functions.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerTest {

    @Test
    void fromIdentity_safeIdentity_isUsedAsItIs() {
        assertThat(Owner.fromIdentity("AIDAEXAMPLE123").value()).isEqualTo("AIDAEXAMPLE123");
    }

    @Test
    void fromIdentity_unsafeIdentities_becomeDistinctDigests() {
        Owner colon = Owner.fromIdentity("AROAEXAMPLE:session");
        Owner slash = Owner.fromIdentity("AROAEXAMPLE/session");

        assertThat(colon.value()).startsWith("sha-").hasSize(44);
        assertThat(colon).isNotEqualTo(slash);
    }

    @Test
    void fromIdentity_identityLookingLikeADigest_cannotImpersonateOne() {
        Owner digest = Owner.fromIdentity("a:b");

        assertThat(Owner.fromIdentity(digest.value())).isNotEqualTo(digest);
    }

    @Test
    void fromIdentity_dotDot_isNotUsedAsAPathComponent() {
        assertThat(Owner.fromIdentity("..").value()).startsWith("sha-");
    }
}
