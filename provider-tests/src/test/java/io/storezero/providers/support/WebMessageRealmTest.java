package io.storezero.providers.support;

import io.storezero.testsupport.TokenVerifier;
import io.storezero.providers.framework.Realms;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;
import io.storezero.testsupport.Authorize;

/**
 * The realm {@code webmessage-it} (clients {@code spa}, {@code spa-foreign-origin}, {@code spa-web-message-off},
 * {@code spa-consent}; password user alice), with Chromium and the SPA pages of {@link SpaTest}.
 */
public abstract class WebMessageRealmTest extends SpaTest {

    protected static final String CLIENT = "spa";
    protected static final String PASSWORD_USER = "alice";

    @InjectRealm(config = Realms.WebMessage.class)
    protected ManagedRealm realm;

    /** Every test starts without a Keycloak session (SpaTest), on a blank app page. */
    @BeforeEach
    void onABlankAppPage() {
        browser.open(pages.url("/"));
    }

    protected String issuer() {
        return keycloak().issuer(realm.getName());
    }

    /** Checks the tokens of {@link #issuer()} against its keys. */
    protected TokenVerifier tokens() {
        return keycloak().tokens(realm.getName());
    }

    protected Authorize authorize() {
        return Authorize.atEndpoint(issuer() + "/protocol/openid-connect/auth");
    }

    /** A full-page login at Keycloak (code flow, redirect back to the app), which leaves a Keycloak session. */
    protected void logInTopLevel(String clientId) {
        browser.open(authorize().client(clientId, pages.url("/callback")).param("response_type", "code")
                .param("scope", "openid").param("state", Authorize.random())
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256").url());
        browser.login(PASSWORD_USER, PASSWORD_USER);
        SpaBrowser.await("the redirect back to the app", () -> browser.driver().getCurrentUrl().startsWith(pages.url("/callback")) ? Boolean.TRUE : null);
        browser.open(pages.url("/"));
    }
}
