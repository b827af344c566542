package io.storezero.it.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.Authorize;
import io.storezero.it.support.BrowserTest;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;

/** Silent authentication: a hidden iframe, prompt=none, response_mode=web_message, answered to window.parent. */
class SilentAuthenticationIT extends BrowserTest {

    @Test
    void withoutASessionTheParentIsToldLoginRequired() {
        String state = Authorize.random();
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit(state, Authorize.random()).url());

        Map<String, Object> message = browser.awaitMessage();

        assertThat(message.get("origin")).isEqualTo(KEYCLOAK);
        assertThat(data(message)).containsEntry("type", "authorization_response");
        assertThat(Tokens.response(message))
                .containsEntry("error", "login_required")
                .containsEntry("error_description", "Login required")
                .containsEntry("state", state)
                .containsEntry("iss", ISSUER)
                .doesNotContainKeys("access_token", "id_token", "code");
    }

    @Test
    void withASessionTheParentReceivesVerifiedImplicitTokens() {
        logInTopLevel("spa");
        browser.navigations();
        String state = Authorize.random();
        String nonce = Authorize.random();
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit(state, nonce).url());

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(browser.navigations()).as("only the hidden iframe went to Keycloak")
                .noneMatch(Chromium.Navigation::topLevel)
                .anySatisfy(n -> assertThat(n.url()).startsWith(ISSUER + "/protocol/openid-connect/auth?").contains("response_mode=web_message"));

        assertThat(response).containsEntry("state", state).containsEntry("token_type", "Bearer")
                .containsEntry("iss", ISSUER).containsKeys("session_state", "expires_in", "scope");
        assertThat(response.get("scope").toString()).contains("openid");
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) response.get("id_token"), ISSUER, "spa", nonce);
        assertThat(idToken.getClaim("preferred_username")).isEqualTo(PASSWORD_USER);
        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) response.get("access_token"), ISSUER, "spa");
        assertThat(accessToken.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(Long.parseLong(response.get("expires_in").toString())).isPositive();
    }

    @Test
    void withASessionCodeAndPkceGiveACodeThatTheTokenEndpointExchanges() {
        logInTopLevel("spa");
        String state = Authorize.random();
        String nonce = Authorize.random();
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentCode(state, nonce, pkce).url());

        Map<String, Object> response = Tokens.response(browser.awaitMessage());
        assertThat(response).containsEntry("state", state).containsEntry("iss", ISSUER).containsKey("code")
                .doesNotContainKeys("access_token", "id_token");

        Map<String, Object> exchange = exchange((String) response.get("code"), app.url("/"), pkce.verifier());
        assertThat(exchange.get("status")).isEqualTo(200L);
        @SuppressWarnings("unchecked")
        Map<String, Object> tokens = (Map<String, Object>) exchange.get("body");
        Tokens.verifyIdToken((String) tokens.get("id_token"), ISSUER, "spa", nonce);
        Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, "spa");
    }

    @Test
    void theCodeIsBoundToTheVerifier() {
        logInTopLevel("spa");
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentCode("s", "n", pkce).url());
        String code = (String) Tokens.response(browser.awaitMessage()).get("code");

        Map<String, Object> exchange = exchange(code, app.url("/"), Authorize.Pkce.create().verifier());

        assertThat(exchange.get("status")).isEqualTo(400L);
        assertThat(exchange.get("body").toString()).contains("invalid_grant");
    }

    @Test
    void afterLogoutTheParentIsToldLoginRequired() {
        logInTopLevel("spa");
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("before", "n1").url());
        Map<String, Object> before = Tokens.response(browser.awaitMessage());
        assertThat(before).containsKey("access_token");

        browser.open(KEYCLOAK + "/realms/" + REALM + "/protocol/openid-connect/logout?client_id=spa&id_token_hint="
                + before.get("id_token") + "&post_logout_redirect_uri=" + app.url("/logged-out"));
        Chromium.await("the redirect after logout", () -> browser.driver().getCurrentUrl().startsWith(app.url("/logged-out")) ? Boolean.TRUE : null);
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("after", "n2").url());

        assertThat(Tokens.response(browser.awaitMessage())).containsEntry("error", "login_required").containsEntry("state", "after");
    }

    @Test
    void aMissingNonceIsAnInvalidRequestMessage() {
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("s1", "n").without("nonce").url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "invalid_request")
                .containsEntry("error_description", "Missing parameter: nonce")
                .containsEntry("state", "s1");
    }

    @Test
    void pendingConsentIsInteractionRequired() {
        logInTopLevel("spa");
        browser.script("silent(arguments[0])", authorize().client("spa-consent", app.url("/")).silentImplicit("s2", "n").url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "interaction_required")
                .containsEntry("state", "s2");
    }

    @Test
    void loginEventsShowTheResponseModeAndNoTokenIsStoredOrLogged() throws Exception {
        logInTopLevel("spa");
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("ev", "n").url());
        Map<String, Object> response = Tokens.response(browser.awaitMessage());

        KeycloakAdmin admin = KeycloakAdmin.local();
        List<JsonNode> logins = admin.events(REALM, "LOGIN");
        assertThat(logins).anySatisfy(event -> {
            assertThat(event.path("details").path("response_mode").asText()).isEqualTo("web_message");
            assertThat(event.path("details").path("response_type").asText()).isEqualTo("id_token token");
        });
        String secret = (String) response.get("access_token");
        String idToken = (String) response.get("id_token");
        assertThat(admin.allEventsJson(REALM)).doesNotContain(secret).doesNotContain(idToken);
        assertThat(Files.readString(StorezeroServer.keycloakLog())).doesNotContain(secret).doesNotContain(idToken);
    }

    private static Map<String, Object> exchange(String code, String redirectUri, String verifier) {
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                ISSUER + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", "spa", "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = Chromium.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }
}
