package io.storezero.providers.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.providers.support.Auth0RealmTest;
import io.storezero.testsupport.Authorize;
import io.storezero.providers.support.SpaBrowser;
import io.storezero.providers.support.Tokens;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;

/**
 * The Connection Redirector in realm auth0-it's browser flow (cookie, redirector with mapping fb=facebook, password
 * form); client spa-default-connection's flow has the default connection facebook.
 */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class ConnectionRedirectorIT extends Auth0RealmTest {

    private Authorize authorizeCode(String clientId) {
        return Authorize.atEndpoint(domain() + "/authorize").client(clientId, pages.url("/callback"))
                .param("response_type", "code").param("scope", "openid").param("state", Authorize.random())
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256");
    }

    @Test
    void aKnownConnectionGoesStraightToThatIdentityProvider() {
        browser.open(authorizeCode("spa").param("connection", "facebook").url());

        awaitUrl(upstreamLogin());
        assertThat(browser.driver().getCurrentUrl()).contains("client_id=downstream");
    }

    @Test
    void aMappedConnectionNameGoesToTheMappedIdentityProvider() {
        browser.open(authorizeCode("spa").param("connection", "fb").url());

        awaitUrl(upstreamLogin());
    }

    @Test
    void kcIdpHintIsHonoured() {
        browser.open(authorizeCode("spa").param("kc_idp_hint", "facebook").url());

        awaitUrl(upstreamLogin());
    }

    @Test
    void anUnknownConnectionGetsAClearErrorInsteadOfTheLoginForm() {
        browser.open(authorizeCode("spa").param("connection", "myspace").url());

        String text = awaitErrorPage();
        assertThat(text).contains("not offered here").doesNotContain("storezeroUnknownConnection").doesNotContain("myspace");
        assertThat(browser.first(By.id("username"))).isNull();
        assertThat(browser.driver().getCurrentUrl()).startsWith(issuer());
        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, null, null);
        assertThat(errors).anySatisfy(event -> {
            assertThat(event.getError()).isEqualTo("unknown_identity_provider");
            assertThat(event.getDetails()).containsEntry("connection", "myspace");
        });
    }

    /** The review's payload: Keycloak's sanitizer let a link and an image through when the name was part of the message. */
    @Test
    void anUnknownConnectionNeverReachesThePageAsMarkupOrText() {
        String payload = "<a id=\"sz-injected-link\" href=\"https://evil.example/\">Sign in here</a><img id=\"sz-injected-img\" src=\"x\">";
        browser.open(authorizeCode("spa").param("connection", payload).url());

        String text = awaitErrorPage();
        assertThat(browser.first(By.id("sz-injected-link"))).as("a live link from the request").isNull();
        assertThat(browser.first(By.id("sz-injected-img"))).as("a live image from the request").isNull();
        assertThat(browser.driver().findElements(By.cssSelector("a[href^='https://evil']"))).isEmpty();
        assertThat(text).doesNotContain("Sign in here").doesNotContain("evil.example");
        assertThat(browser.driver().getPageSource()).doesNotContain("evil.example");
    }

    private String awaitErrorPage() {
        return SpaBrowser.await("the error page", () -> {
            var body = browser.first(By.tagName("body"));
            return body != null && body.getText().contains("not offered here") ? body.getText() : null;
        });
    }

    @Test
    void auth0sDatabaseConnectionMeansThisRealmsLoginForm() {
        browser.open(authorizeCode("spa").param("connection", "Username-Password-Authentication").url());

        browser.login("alice", "alice");
        awaitUrl(pages.url("/callback?"));
        assertThat(browser.driver().getCurrentUrl()).contains("code=");
    }

    @Test
    void withoutAConnectionTheRealmsLoginFormIsShown() {
        browser.open(authorizeCode("spa").url());

        assertThat(SpaBrowser.await("the login form", () -> browser.first(By.id("username")))).isNotNull();
    }

    @Test
    void theDefaultConnectionAppliesWhenTheRequestNamesNone() {
        browser.open(authorizeCode("spa-default-connection").url());

        awaitUrl(upstreamLogin());
    }

    @Test
    void underPromptNoneAConnectionNeverLeavesKeycloakAndTheAnswerIsLoginRequiredAtOnce() {
        Instant started = Instant.now();
        browser.silent(Authorize.atEndpoint(domain() + "/authorize").client("spa", pages.url("/"))
                .silentCode("s-known", "n", Authorize.Pkce.create()).param("connection", "facebook").url());
        Map<String, Object> known = Tokens.response(browser.awaitMessage());

        assertThat(known).containsEntry("error", "login_required").containsEntry("state", "s-known");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void underPromptNoneAnUnknownConnectionAnswersLoginRequiredInsteadOfAnErrorPageTheIframeCouldNotShow() {
        browser.silent(Authorize.atEndpoint(domain() + "/authorize").client("spa", pages.url("/"))
                .silentImplicit("s-unknown", "n").param("connection", "myspace").url());

        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("error", "login_required").containsEntry("state", "s-unknown");
    }

    @Test
    void underPromptNoneTheDefaultConnectionAndKcIdpHintAlsoAnswerLoginRequired() {
        browser.silent(Authorize.atEndpoint(domain() + "/authorize").client("spa-default-connection", pages.url("/"))
                .silentImplicit("s-default", "n").url());
        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("error", "login_required").containsEntry("state", "s-default");

        browser.open(pages.url("/"));
        browser.silent(Authorize.atEndpoint(domain() + "/authorize").client("spa", pages.url("/"))
                .silentImplicit("s-hint", "n").param("kc_idp_hint", "facebook").url());
        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("error", "login_required").containsEntry("state", "s-hint");
    }

    @Test
    void underPromptNoneWithASessionTheConnectionDoesNotGetInTheWay() {
        browser.open(authorizeCode("spa").url());
        browser.login("alice", "alice");
        awaitUrl(pages.url("/callback?"));
        // The same site as Keycloak, so its session cookie reaches the hidden iframe.
        browser.open(pages.url("/"));

        String nonce = Authorize.random();
        browser.silent(Authorize.atEndpoint(domain() + "/authorize").client("spa", pages.url("/"))
                .silentImplicit("s-session", nonce).param("connection", "facebook").url());
        Map<String, Object> response = Tokens.response(browser.awaitMessage());

        assertThat(response).containsEntry("state", "s-session").containsKey("access_token");
        assertThat(tokens().idToken((String) response.get("id_token"), "spa", nonce).getClaim("preferred_username"))
                .isEqualTo("alice");
    }
}
