package io.storezero.it.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.it.support.Authorize;
import io.storezero.it.support.BrowserTest;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Interactive login in a popup with response_mode=web_message: the result reaches window.opener. */
class PopupLoginIT extends BrowserTest {

    @Test
    void aPasswordLoginInThePopupDeliversVerifiedTokensToTheOpener() {
        String appWindow = browser.driver().getWindowHandle();
        String state = Authorize.random();
        String nonce = Authorize.random();
        browser.script("popup(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit(state, nonce).without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        browser.driver().switchTo().window(appWindow);
        Map<String, Object> message = browser.awaitMessage();

        assertThat(message).containsEntry("origin", KEYCLOAK).containsEntry("fromPopup", true);
        Map<String, Object> response = Tokens.response(message);
        assertThat(response).containsEntry("state", state).containsKeys("access_token", "session_state", "scope");
        Tokens.verifyIdToken((String) response.get("id_token"), ISSUER, "spa", nonce);
        assertThat(KeycloakAdmin.local().events(REALM, "LOGIN")).anySatisfy(event ->
                assertThat(event.path("details").path("response_mode").asText()).isEqualTo("web_message"));
        closePopups(appWindow);
    }

    @Test
    void aCodeLoginInThePopupDeliversACodeToTheOpener() {
        String appWindow = browser.driver().getWindowHandle();
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.script("popup(arguments[0])", authorize().client("spa", app.url("/")).silentCode("popup-code", "n", pkce).without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        browser.driver().switchTo().window(appWindow);

        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("state", "popup-code").containsKey("code");
        closePopups(appWindow);
    }

    @Test
    void declinedConsentInThePopupIsAccessDenied() {
        String appWindow = browser.driver().getWindowHandle();
        browser.script("popup(arguments[0])", authorize().client("spa-consent", app.url("/")).silentImplicit("consent", "n").without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        Chromium.await("the consent screen", () -> browser.first(By.id("kc-cancel"))).click();
        browser.driver().switchTo().window(appWindow);

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(response).containsEntry("error", "access_denied").containsEntry("state", "consent")
                .doesNotContainKeys("access_token", "id_token");
        JsonNode[] errors = KeycloakAdmin.local().events(REALM, "LOGIN_ERROR").toArray(JsonNode[]::new);
        assertThat(errors).anySatisfy(event -> assertThat(event.path("error").asText()).isEqualTo("rejected_by_user"));
        closePopups(appWindow);
    }

    private static void closePopups(String appWindow) {
        for (String handle : browser.windows()) {
            if (!handle.equals(appWindow)) {
                browser.driver().switchTo().window(handle).close();
            }
        }
        browser.driver().switchTo().window(appWindow);
    }
}
