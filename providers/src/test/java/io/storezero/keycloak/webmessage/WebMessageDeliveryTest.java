package io.storezero.keycloak.webmessage;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.answer.AuthorizationAnswer;
import io.storezero.keycloak.answer.FakeAnswers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebMessageDeliveryTest {

    @Test
    void aLoginThatDidNotAskForWebMessageKeepsKeycloaksAnswer() {
        Response keycloaks = FakeAnswers.response("fragment redirect");

        assertThat(new WebMessageDelivery().shape(FakeAnswers.granted(Map.of("response_mode", "fragment")), keycloaks)).isSameAs(keycloaks);
        assertThat(new WebMessageDelivery().shape(FakeAnswers.error(Map.of()), keycloaks)).isSameAs(keycloaks);
    }

    @Test
    void anAnswerWithoutALoginKeepsKeycloaksAnswer() {
        Response keycloaks = FakeAnswers.response("error redirect");

        assertThat(new WebMessageDelivery().shape(new AuthorizationAnswer(null, null, null, null, false), keycloaks)).isSameAs(keycloaks);
    }
}
