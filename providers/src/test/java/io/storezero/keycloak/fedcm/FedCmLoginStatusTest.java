package io.storezero.keycloak.fedcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.answer.FakeAnswers;
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

    @Test
    void givenAnErrorAnswer_thenNoLoginStatus() {
        Response keycloaks = FakeAnswers.response("error redirect");

        assertThat(new FedCmLoginStatus().shape(FakeAnswers.error(Map.of()), keycloaks)).isSameAs(keycloaks);
    }

    @Test
    void givenASilentGrantedAnswer_thenNoLoginStatus() {
        Response keycloaks = FakeAnswers.response("page");

        assertThat(new FedCmLoginStatus().shape(FakeAnswers.granted(Map.of("prompt", "none")), keycloaks)).isSameAs(keycloaks);
    }
}
