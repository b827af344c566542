package io.storezero.keycloak.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationAnswersTest {

    @Test
    void everyStepRunsOnceInOrderOnWhatThePreviousOneLeft() {
        List<String> seen = new ArrayList<>();
        Response keycloaks = FakeAnswers.response("keycloak's redirect");
        Response page = FakeAnswers.response("page");
        Response withHeader = FakeAnswers.response("page with header");
        AuthorizationAnswer answer = FakeAnswers.granted(Map.of());
        AuthorizationAnswers answers = new AuthorizationAnswers(List.of(
                (given, response) -> {
                    seen.add("delivery got " + response);
                    return page;
                },
                (given, response) -> {
                    seen.add("status got " + response);
                    assertThat(given).isSameAs(answer);
                    return withHeader;
                }));

        assertThat(answers.shape(answer, keycloaks)).isSameAs(withHeader);
        assertThat(seen).containsExactly("delivery got keycloak's redirect", "status got page");
    }

    @Test
    void withoutStepsTheAnswerIsKeycloaks() {
        Response keycloaks = FakeAnswers.response("keycloak's redirect");

        assertThat(new AuthorizationAnswers(List.of()).shape(FakeAnswers.error(Map.of()), keycloaks)).isSameAs(keycloaks);
    }

    @Test
    void theListIsFixedWhenTheOwnerIsMade() {
        List<AnswerStep> steps = new ArrayList<>();
        AuthorizationAnswers answers = new AuthorizationAnswers(steps);
        steps.add((answer, response) -> FakeAnswers.response("added later"));
        Response keycloaks = FakeAnswers.response("keycloak's redirect");

        assertThat(answers.shape(FakeAnswers.granted(Map.of()), keycloaks)).isSameAs(keycloaks);
    }
}
