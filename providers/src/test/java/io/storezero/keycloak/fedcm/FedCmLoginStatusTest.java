package io.storezero.keycloak.fedcm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FedCmLoginStatusTest {

    @Test
    void givenPromptNone_thenTheAnswerIsSilentAndCarriesNoLoginStatus() {
        assertThat(FedCmLoginStatus.isSilent("none")).isTrue();
        assertThat(FedCmLoginStatus.isSilent(" none ")).isTrue();
        assertThat(FedCmLoginStatus.isSilent("consent none")).isTrue();
    }

    @Test
    void givenAnInteractiveLogin_thenItIsNotSilent() {
        assertThat(FedCmLoginStatus.isSilent(null)).isFalse();
        assertThat(FedCmLoginStatus.isSilent("")).isFalse();
        assertThat(FedCmLoginStatus.isSilent("login")).isFalse();
        assertThat(FedCmLoginStatus.isSilent("nonesuch")).isFalse();
    }
}
