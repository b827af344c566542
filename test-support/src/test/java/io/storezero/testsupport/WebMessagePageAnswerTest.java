package io.storezero.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.keycloak.webmessage.WebMessagePage;
import org.junit.jupiter.api.Test;

/**
 * The reader against pages the providers' own renderer writes (test scope only), so that a change to the page that
 * the reader does not follow fails here, before any suite misreads a live server's answer.
 */
class WebMessagePageAnswerTest {

    private static final String APP = "http://localhost:8500";

    @Test
    void readsTheTargetOriginAndTheResponseInTheirOrder() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("access_token", "eyJ.a.b");
        sent.put("id_token", "eyJ.c.d");
        sent.put("token_type", "Bearer");
        sent.put("expires_in", "300");
        sent.put("state", "s-1");

        WebMessagePageAnswer answer = WebMessagePageAnswer.parse(page(sent)).orElseThrow();

        assertThat(answer.targetOrigin()).isEqualTo(APP);
        assertThat(answer.response()).containsExactlyEntriesOf(sent);
        assertThat(answer.error()).isEmpty();
    }

    /** login_required takes the page's other script (the Storage Access check): the same two literals lead it. */
    @Test
    void readsAnErrorAnswerAsTheServerWroteIt() {
        Map<String, String> sent = Map.of("error", "login_required", "error_description", "Login required", "state", "s-2");

        WebMessagePageAnswer answer = WebMessagePageAnswer.parse(page(sent)).orElseThrow();

        assertThat(answer.error()).contains("login_required");
        assertThat(answer.response()).isEqualTo(sent).doesNotContainKey(WebMessagePage.STORAGE_ACCESS_FIELD);
        assertThat(answer.targetOrigin()).isEqualTo(APP);
    }

    /** Values that would end a pattern's match early (the next declaration, a quote, the script's end) are read whole. */
    @Test
    void valuesThatLookLikeThePageAreReadWhole() {
        String state = "x\"};var targetOrigin=\"*\";</script><!-- '&\u2028\u2029 \\";
        WebMessagePageAnswer answer = WebMessagePageAnswer.parse(page(Map.of("state", state))).orElseThrow();

        assertThat(answer.response()).containsExactly(Map.entry("state", state));
        assertThat(answer.targetOrigin()).isEqualTo(APP);
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertThat(WebMessagePageAnswer.parse("<html><title>Sign in</title></html>")).isEmpty();
        assertThat(WebMessagePageAnswer.parse(null)).isEmpty();
        assertThat(WebMessagePageAnswer.isWebMessagePage("<html>Bad Gateway</html>")).isFalse();
        // A page that posts but whose literals cannot be read is a web_message page without an answer.
        String broken = page(Map.of("state", "s")).replace("var message={", "var message={{");
        assertThat(WebMessagePageAnswer.isWebMessagePage(broken)).isTrue();
        assertThat(WebMessagePageAnswer.parse(broken)).isEmpty();
        assertThat(WebMessagePageAnswer.parse(page(Map.of()).replace("authorization_response", "other"))).isEmpty();
    }

    @Test
    void theAnswerCannotBeChangedAfterwards() {
        Map<String, String> response = new LinkedHashMap<>(Map.of("state", "s"));
        WebMessagePageAnswer answer = new WebMessagePageAnswer(APP, response);
        response.put("error", "x");

        assertThat(answer.response()).containsOnlyKeys("state");
        assertThat(answer.response()).isUnmodifiable();
    }

    private static String page(Map<String, String> response) {
        return WebMessagePage.render(APP, response).html();
    }
}
