package io.storezero.it.support;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import io.storezero.testsupport.Authorize;

/**
 * One Keycloak for the run, and per test class: the test realm, Chromium, the app origin
 * {@link TestPages#APP_ORIGIN} (the SPA's registered Web Origin) and a foreign origin {@link TestPages#FOREIGN_ORIGIN}.
 */
@ExtendWith(StorezeroServer.class)
public abstract class BrowserTest {

    protected static final String KEYCLOAK = StorezeroServer.KEYCLOAK_URL;
    protected static final String REALM = "webmessage-it";
    protected static final String ISSUER = KEYCLOAK + "/realms/" + REALM;
    protected static final String PASSWORD_USER = "alice";

    protected static TestPages app;
    protected static TestPages foreign;
    protected static Chromium browser;

    @BeforeAll
    static void startBrowserAndPages() {
        KeycloakAdmin.local().ensureRealm("/realms/webmessage-it.json");
        app = TestPages.startApp();
        foreign = TestPages.startForeign();
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowserAndPages() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (foreign != null) {
            foreign.close();
        }
    }

    /** Every test starts without a Keycloak session, on a blank app page. */
    @BeforeEach
    void forgetEverything() {
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.open(app.url("/"));
    }

    protected static Authorize authorize() {
        return Authorize.at(KEYCLOAK, REALM);
    }

    /** A full-page login at Keycloak (code flow, redirect back to the app), which leaves a Keycloak session. */
    protected static void logInTopLevel(String clientId) {
        browser.open(authorize().client(clientId, app.url("/callback")).param("response_type", "code")
                .param("scope", "openid").param("state", Authorize.random())
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256").url());
        browser.login(PASSWORD_USER, PASSWORD_USER);
        Chromium.await("the redirect back to the app", () -> browser.driver().getCurrentUrl().startsWith(app.url("/callback")) ? Boolean.TRUE : null);
        browser.open(app.url("/"));
    }
}
