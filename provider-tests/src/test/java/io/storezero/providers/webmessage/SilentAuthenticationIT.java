package io.storezero.providers.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.testsupport.Authorize;
import io.storezero.providers.support.SpaBrowser;
import io.storezero.providers.support.Tokens;
import io.storezero.providers.support.WebMessageRealmTest;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** Silent authentication: a hidden iframe, prompt=none, response_mode=web_message, answered to window.parent. */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class SilentAuthenticationIT extends WebMessageRealmTest {

    @Test
    void withoutASessionTheParentIsToldLoginRequired() {
        String state = Authorize.random();
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit(state, Authorize.random()).url());

        Map<String, Object> message = browser.awaitMessage();

        assertThat(issuer()).startsWith(message.get("origin") + "/realms/");
        assertThat(data(message)).containsEntry("type", "authorization_response");
        assertThat(Tokens.response(message))
                .containsEntry("error", "login_required")
                .containsEntry("error_description", "Login required")
                .containsEntry("state", state)
                .containsEntry("iss", issuer())
                .doesNotContainKeys("access_token", "id_token", "code");
    }

    @Test
    void withASessionTheParentReceivesVerifiedImplicitTokens() {
        logInTopLevel(CLIENT);
        browser.topLevelNavigations();
        String state = Authorize.random();
        String nonce = Authorize.random();
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit(state, nonce).url());

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(browser.topLevelNavigations()).as("only the hidden iframe went to Keycloak").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(pages.url("/"));

        assertThat(response).containsEntry("state", state).containsEntry("token_type", "Bearer")
                .containsEntry("iss", issuer()).containsKeys("session_state", "expires_in", "scope");
        assertThat(response.get("scope").toString()).contains("openid");
        JWTClaimsSet idToken = tokens().idToken((String) response.get("id_token"), CLIENT, nonce);
        assertThat(idToken.getClaim("preferred_username")).isEqualTo(PASSWORD_USER);
        JWTClaimsSet accessToken = tokens().accessToken((String) response.get("access_token"), CLIENT);
        assertThat(accessToken.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(Long.parseLong(response.get("expires_in").toString())).isPositive();
    }

    @Test
    void withASessionCodeAndPkceGiveACodeThatTheTokenEndpointExchanges() {
        logInTopLevel(CLIENT);
        String state = Authorize.random();
        String nonce = Authorize.random();
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentCode(state, nonce, pkce).url());

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(response).containsEntry("state", state).containsEntry("iss", issuer()).containsKey("code")
                .doesNotContainKeys("access_token", "id_token");

        Map<String, Object> exchange = exchange((String) response.get("code"), pages.url("/"), pkce.verifier());
        assertThat(exchange.get("status")).isEqualTo(200L);
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = (Map<String, Object>) exchange.get("body");
        tokens().idToken((String) tokens.get("id_token"), CLIENT, nonce);
        tokens().accessToken((String) tokens.get("access_token"), CLIENT);
    }

    @Test
    void theCodeIsBoundToTheVerifier() {
        logInTopLevel(CLIENT);
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentCode("s", "n", pkce).url());
        String code = (String) Tokens.response(browser.awaitMessage()).get("code");

        Map<String, Object> exchange = exchange(code, pages.url("/"), Authorize.Pkce.create().verifier());

        assertThat(exchange.get("status")).isEqualTo(400L);
        assertThat(exchange.get("body").toString()).contains("invalid_grant");
    }

    @Test
    void afterLogoutTheParentIsToldLoginRequired() {
        logInTopLevel(CLIENT);
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit("before", "n1").url());
        Map<String, Object> before = Tokens.response(browser.awaitMessage());
        assertThat(before).containsKey("access_token");

        browser.open(issuer() + "/protocol/openid-connect/logout?client_id=" + CLIENT + "&id_token_hint="
                + before.get("id_token") + "&post_logout_redirect_uri=" + pages.url("/logged-out"));
        SpaBrowser.await("the redirect after logout", () -> browser.driver().getCurrentUrl().startsWith(pages.url("/logged-out")) ? Boolean.TRUE : null);
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit("after", "n2").url());

        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("error", "login_required").containsEntry("state", "after");
    }

    @Test
    void aMissingNonceIsAnInvalidRequestMessage() {
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit("s1", "n").without("nonce").url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "invalid_request")
                .containsEntry("error_description", "Missing parameter: nonce")
                .containsEntry("state", "s1");
    }

    @Test
    void pendingConsentIsInteractionRequired() {
        logInTopLevel(CLIENT);
        browser.silent(authorize().client("spa-consent", pages.url("/")).silentImplicit("s2", "n").url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "interaction_required")
                .containsEntry("state", "s2");
    }

    @Test
    void loginEventsShowTheResponseModeAndNoTokenIsStored() throws Exception {
        logInTopLevel(CLIENT);
        browser.silent(authorize().client(CLIENT, pages.url("/")).silentImplicit("ev", "n").url());
        Map<String, Object> response = Tokens.response(browser.awaitMessage());

        List<EventRepresentation> logins = realm.admin().getEvents(List.of("LOGIN"), null, null, null, null, null, null, null);
        assertThat(logins).anySatisfy(event -> assertThat(event.getDetails())
                .containsEntry("response_mode", "web_message").containsEntry("response_type", "id_token token"));
        String allEvents = new ObjectMapper().writeValueAsString(realm.admin().getEvents());
        assertThat(allEvents).doesNotContain((String) response.get("access_token")).doesNotContain((String) response.get("id_token"));
    }

    private Map<String, Object> exchange(String code, String redirectUri, String verifier) {
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                issuer() + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", CLIENT, "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = SpaBrowser.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }
}
