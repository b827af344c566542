package io.storezero.it.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;

/** Unmodified auth0.js 10.2 against Keycloak, through the /auth0 prefix, in Chromium. */
class Auth0JsIT extends Auth0Test {

    private static final double QUICK_MS = 10_000;

    @Test
    void authorizeWithConnectionFacebookBrokersToThatProviderAndParseHashVerifiesTheTokens() throws Exception {
        openSdkApp("/");
        initWebAuth();

        start("authorize", "webAuthClient.authorize({connection: 'facebook', responseType: 'token id_token'})");
        awaitUrl(UPSTREAM_LOGIN);
        browser.login("fbuser", "fbuser");
        awaitUrl(sdkApp("/callback#"));
        openSdkAppKeepingUrl();
        initWebAuth();

        Map<String, Object> parsed = value(call("parse", "callback(function (cb) { webAuthClient.parseHash(cb); })"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) parsed.get("idTokenPayload");
        assertThat(payload).containsEntry("iss", HTTPS_ISSUER).containsEntry("aud", "spa")
                .containsEntry("preferred_username", "fbuser").containsEntry("email", "fb.user@example.org");
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) parsed.get("idToken"), HTTPS_ISSUER, "spa", (String) payload.get("nonce"));
        Tokens.verifyAccessToken((String) parsed.get("accessToken"), HTTPS_ISSUER, "spa");
        assertThat(parsed).containsEntry("tokenType", "Bearer");

        // The Keycloak user behind the token came in through the identity provider the connection named.
        KeycloakAdmin admin = KeycloakAdmin.local();
        assertThat(admin.realm(AUTH0_REALM).users().get(idToken.getSubject()).getFederatedIdentity())
                .anySatisfy(link -> assertThat(link.getIdentityProvider()).isEqualTo("facebook"));
    }

    @Test
    void checkSessionRenewsTokensInAHiddenIframeUntilLogoutEndsTheSession() throws Exception {
        openSdkApp("/");
        initWebAuth();
        start("authorize", "webAuthClient.authorize()");
        browser.login("alice", "alice");
        awaitUrl(sdkApp("/callback#"));
        openSdkAppKeepingUrl();
        initWebAuth();
        Map<String, Object> first = value(call("parse", "callback(function (cb) { webAuthClient.parseHash(cb); })"));

        Map<String, Object> renewed = value(call("check", "callback(function (cb) { webAuthClient.checkSession({}, cb); })"));

        assertThat(renewed.get("accessToken")).isNotNull().isNotEqualTo(first.get("accessToken"));
        Tokens.verifyAccessToken((String) renewed.get("accessToken"), HTTPS_ISSUER, "spa");
        Tokens.verifyIdToken((String) renewed.get("idToken"), HTTPS_ISSUER, "spa");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) renewed.get("idTokenPayload");
        assertThat(payload).containsEntry("preferred_username", "alice");

        start("logout", "webAuthClient.logout({returnTo: '" + sdkApp("/logged-out") + "'})");
        awaitUrl(sdkApp("/logged-out"));
        openSdkAppKeepingUrl();
        initWebAuth();

        Map<String, Object> after = call("after", "callback(function (cb) { webAuthClient.checkSession({}, cb); })");
        assertThat(after).containsEntry("ok", false).containsEntry("error", "login_required");
        assertThat(((Number) after.get("ms")).doubleValue()).isLessThan(QUICK_MS);
    }
}
