package io.storezero.providers.support;

import io.storezero.testsupport.TokenVerifier;
import io.storezero.providers.framework.Realms;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The Auth0 compatibility realm {@code auth0-it} (client {@code spa}, user alice, browser flow cookie → Connection
 * Redirector → password form, identity provider {@code facebook} brokering to realm {@code upstream-it}, user fbuser),
 * with Chromium and the SPA pages of {@link SpaTest}. The app ({@code http://localhost:8500}) and Keycloak ({@code http://localhost:8080}) are
 * the same site, so Keycloak's session cookie reaches hidden iframes.
 */
public abstract class Auth0RealmTest extends SpaTest {

    @InjectRealm(ref = "upstream", config = Realms.Upstream.class)
    protected ManagedRealm upstream;

    @InjectRealm(ref = "auth0", config = Realms.Auth0.class)
    protected ManagedRealm realm;

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

    /** What an Auth0 app sets as its {@code domain}. */
    protected String domain() {
        return issuer() + "/auth0";
    }

    protected String upstreamLogin() {
        return upstream.getBaseUrl() + "/protocol/openid-connect/auth";
    }

    protected void awaitUrl(String prefix) {
        SpaBrowser.await("the browser at " + prefix, () -> browser.driver().getCurrentUrl().startsWith(prefix) ? Boolean.TRUE : null);
    }
}
