package io.storezero.keycloak.webmessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebMessagePageTest {

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern MESSAGE = Pattern.compile("var message=(\\{.*?\\});var targetOrigin=");

    @Test
    void givenAResponse_thenThePagePostsItAsAnAuthorizationResponseToExactlyTheTargetOrigin() throws Exception {
        WebMessagePage page = WebMessagePage.render("http://localhost:3000", Map.of("code", "abc", "state", "xyz"));

        JsonNode message = message(page);
        assertThat(message.get("type").asText()).isEqualTo("authorization_response");
        assertThat(message.get("response").get("code").asText()).isEqualTo("abc");
        assertThat(message.get("response").get("state").asText()).isEqualTo("xyz");
        assertThat(script(page)).contains("var targetOrigin=\"http:\\u002F\\u002Flocalhost:3000\"")
                .contains("target.postMessage(message,targetOrigin)")
                .contains("window.opener||(window.parent!==window?window.parent:null)")
                .doesNotContain("\"*\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "</script><script>alert(1)</script>",
            "</SCRIPT >",
            "<!--<script>",
            "\"'><img src=x onerror=alert(1)>",
            "line\u2028separator\u2029paragraph",
            "back\\slash\"quote",
            "a&b=c#d%20+e",
            "emoji \uD83D\uDE00 und Umlaut ü",
            "]]>-->"})
    void givenHostileValues_thenTheyStayInsideTheJsonLiteralAndSurviveIntact(String hostile) throws Exception {
        WebMessagePage page = WebMessagePage.render("https://app.example.com", Map.of("state", hostile, "error_description", hostile));

        String script = script(page);
        assertThat(script).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029");
        assertThat(page.html()).containsOnlyOnce("</script>").containsOnlyOnce("<script>");
        assertThat(page.html().toLowerCase()).containsOnlyOnce("</script");
        JsonNode message = message(page);
        assertThat(message.get("response").get("state").asText()).isEqualTo(hostile);
        assertThat(message.get("response").get("error_description").asText()).isEqualTo(hostile);
    }

    @Test
    void givenAPage_thenItsCspAllowsExactlyItsOwnScriptAndFramingByTheTargetOriginOnly() throws Exception {
        WebMessagePage page = WebMessagePage.render("https://app.example.com:8443", Map.of("error", "login_required"));

        String expectedHash = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script(page).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.contentSecurityPolicy())
                .isEqualTo("default-src 'none'; script-src '" + expectedHash + "'; frame-ancestors https://app.example.com:8443; base-uri 'none'; form-action 'none'")
                .doesNotContain("unsafe-inline", "*");
    }

    @Test
    void givenTheResponseOrder_thenTheMessageKeepsIt() throws Exception {
        Map<String, String> response = new LinkedHashMap<>();
        response.put("error", "login_required");
        response.put("error_description", "Login required");
        response.put("state", "s");

        assertThat(message(WebMessagePage.render("http://localhost:3000", response)).get("response").fieldNames())
                .toIterable().containsExactly("error", "error_description", "state");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "null", "http://localhost:3000/path", "http://localhost:3000; script-src *", "javascript:alert(1)", ""})
    void givenSomethingThatIsNotAnOrigin_thenNoPageIsRendered(String origin) {
        assertThatThrownBy(() -> WebMessagePage.render(origin, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenLoginRequired_thenThePageAsksForStorageAccessBeforePostingAndOnlyThenMarksTheAnswer() throws Exception {
        WebMessagePage page = WebMessagePage.render("http://127.0.0.1:3000", Map.of("error", "login_required", "state", "s"));

        String script = script(page);
        assertThat(script).contains("typeof document.hasStorageAccess!==\"function\"){post();return;}")
                .contains("document.hasStorageAccess().then(function(access){if(access===false){")
                .contains("message.response.storage_access=\"unavailable\";")
                .contains("var post=function(){target.postMessage(message,targetOrigin);};")
                .contains("},function(){}).then(post);")
                .doesNotContain("\"*\"");
        assertThat(script.indexOf("message.response.error_description="))
                .as("the description is replaced only inside the access===false branch")
                .isGreaterThan(script.indexOf("if(access===false){"));
        // The message itself leaves the server unchanged: the browser, not Keycloak, knows whether cookies were sent.
        assertThat(message(page).get("response").get("error").asText()).isEqualTo("login_required");
        assertThat(message(page).get("response").has("storage_access")).isFalse();
        assertThat(script).contains(scriptLiteral(WebMessagePage.STORAGE_ACCESS_DESCRIPTION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interaction_required", "consent_required", "access_denied", "LOGIN_REQUIRED"})
    void givenAnyOtherError_thenThePagePostsAtOnceWithoutAskingForStorageAccess(String error) throws Exception {
        WebMessagePage page = WebMessagePage.render("http://127.0.0.1:3000", Map.of("error", error, "state", "s"));

        assertThat(script(page)).doesNotContain("hasStorageAccess", "storage_access")
                .contains("if(target){target.postMessage(message,targetOrigin);}");
    }

    @Test
    void givenTokens_thenThePagePostsAtOnceWithoutAskingForStorageAccess() throws Exception {
        WebMessagePage page = WebMessagePage.render("http://127.0.0.1:3000", Map.of("access_token", "t", "state", "s"));

        assertThat(script(page)).doesNotContain("hasStorageAccess", "storage_access");
    }

    @Test
    void givenLoginRequired_thenTheCspStillHashesTheWholeScriptAndTheAddedTextIsScriptSafe() throws Exception {
        WebMessagePage page = WebMessagePage.render("http://127.0.0.1:3000", Map.of("error", "login_required"));

        String script = script(page);
        assertThat(script).doesNotContain("<", ">", "&", "'", "\u2028", "\u2029");
        String expectedHash = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.contentSecurityPolicy()).contains("script-src '" + expectedHash + "';").doesNotContain("unsafe-inline");
    }

    /** What {@code text} looks like as a script-safe JSON literal (the apostrophe of "server's" is escaped). */
    private static String scriptLiteral(String text) {
        return "\"" + text.replace("'", "\\u0027") + "\"";
    }

    private static String script(WebMessagePage page) {
        Matcher matcher = SCRIPT.matcher(page.html());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static JsonNode message(WebMessagePage page) throws Exception {
        Matcher matcher = MESSAGE.matcher(script(page));
        assertThat(matcher.find()).isTrue();
        // \\uXXXX escapes are plain JSON; a JavaScript engine reads the literal the same way.
        return new ObjectMapper().readTree(matcher.group(1));
    }
}
