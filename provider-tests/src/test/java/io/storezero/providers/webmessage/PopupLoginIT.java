package io.storezero.providers.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.testsupport.Authorize;
import io.storezero.providers.support.SpaBrowser;
import io.storezero.providers.support.Tokens;
import io.storezero.providers.support.WebMessageRealmTest;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/** Interactive login in a popup with response_mode=web_message: the result reaches window.opener. */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class PopupLoginIT extends WebMessageRealmTest {

    @Test
    void aPasswordLoginInThePopupDeliversVerifiedTokensToTheOpener() {
        String appWindow = browser.driver().getWindowHandle();
        String state = Authorize.random();
        String nonce = Authorize.random();
        browser.popup(authorize().client(CLIENT, pages.url("/")).silentImplicit(state, nonce).without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        browser.driver().switchTo().window(appWindow);
        Map<String, Object> message = browser.awaitMessage();

        assertThat(issuer()).startsWith(message.get("origin") + "/realms/");
        assertThat(message).containsEntry("fromPopup", true);
        Map<String, Object> response = Tokens.response(message);
        assertThat(response).containsEntry("state", state).containsKeys("access_token", "session_state", "scope");
        tokens().idToken((String) response.get("id_token"), CLIENT, nonce);
        assertThat(events("LOGIN")).anySatisfy(event -> assertThat(event.getDetails()).containsEntry("response_mode", "web_message"));
        browser.closeOtherWindows(appWindow);
    }

    @Test
    void aCodeLoginInThePopupDeliversACodeToTheOpener() {
        String appWindow = browser.driver().getWindowHandle();
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.popup(authorize().client(CLIENT, pages.url("/")).silentCode("popup-code", "n", pkce).without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        browser.driver().switchTo().window(appWindow);

        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("state", "popup-code").containsKey("code");
        browser.closeOtherWindows(appWindow);
    }

    @Test
    void declinedConsentInThePopupIsAccessDenied() {
        String appWindow = browser.driver().getWindowHandle();
        browser.popup(authorize().client("spa-consent", pages.url("/")).silentImplicit("consent", "n").without("prompt").url());

        browser.switchToOtherWindow(appWindow);
        browser.login(PASSWORD_USER, PASSWORD_USER);
        SpaBrowser.await("the consent screen", () -> browser.first(By.id("kc-cancel"))).click();
        browser.driver().switchTo().window(appWindow);

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(response).containsEntry("error", "access_denied").containsEntry("state", "consent")
                .doesNotContainKeys("access_token", "id_token");
        assertThat(events("LOGIN_ERROR")).anySatisfy(event -> assertThat(event.getError()).isEqualTo("rejected_by_user"));
        browser.closeOtherWindows(appWindow);
    }

    private List<EventRepresentation> events(String type) {
        return realm.admin().getEvents(List.of(type), null, null, null, null, null, null, null);
    }
}
