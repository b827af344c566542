package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The classification of silent authentication answers, on answers a real Keycloak 26.7.5 with the bundle gave (the
 * cluster of ./storezero cluster start, captured with {@code Main --capture}, credentials redacted): the first line
 * of a fixture is the HTTP status, the rest the page (web_message) or the Location (fragment).
 */
class AnswersTest {

    @ParameterizedTest
    @CsvSource({
            "web_message-implicit-success.html, true, success",
            "web_message-code-success.html, true, success",
            "web_message-implicit-login_required.html, false, error=login_required",
            "web_message-code-login_required.html, false, error=login_required"})
    void webMessagePages(String fixture, boolean success, String reason) {
        String[] answer = fixture(fixture);
        assertThat(Answers.webMessage(Integer.parseInt(answer[0]), answer[1])).isEqualTo(new Outcome(success, reason));
    }

    @ParameterizedTest
    @CsvSource({
            "fragment-implicit-success.location, true, success",
            "fragment-code-success.location, true, success",
            "fragment-implicit-login_required.location, false, error=login_required",
            "fragment-code-login_required.location, false, error=login_required"})
    void fragmentRedirects(String fixture, boolean success, String reason) {
        String[] answer = fixture(fixture);
        assertThat(Answers.fragment(Integer.parseInt(answer[0]), Optional.of(answer[1].trim()))).isEqualTo(new Outcome(success, reason));
    }

    @Test
    void theImplicitPageCarriesTheResponseTheSpaReads() {
        assertThat(Answers.webMessageResponse(fixture("web_message-implicit-success.html")[1]).orElseThrow())
                .containsKeys("access_token", "id_token", "state", "token_type", "expires_in");
    }

    @Test
    void anythingElseIsAFailureWithItsReason() {
        assertThat(Answers.webMessage(502, "<html>Bad Gateway</html>")).isEqualTo(Outcome.failure("status=502"));
        assertThat(Answers.webMessage(200, "<html><title>Sign in</title></html>")).isEqualTo(Outcome.failure("unexpected-page"));
        assertThat(Answers.fragment(200, Optional.empty())).isEqualTo(Outcome.failure("status=200"));
        assertThat(Answers.fragment(302, Optional.of("http://localhost:3000/?error=login_required"))).isEqualTo(Outcome.failure("no-fragment"));
        assertThat(Answers.fragment(302, Optional.of("http://localhost:3000/#state=x"))).isEqualTo(Outcome.failure("no-tokens"));
    }

    private static String[] fixture(String name) {
        try (InputStream in = AnswersTest.class.getResourceAsStream("/answers/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", 2);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
