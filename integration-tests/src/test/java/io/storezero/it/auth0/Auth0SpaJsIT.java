package io.storezero.it.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;

/** Unmodified auth0-spa-js 2.27 against Keycloak, through the /auth0 prefix, in Chromium. */
class Auth0SpaJsIT extends Auth0Test {

    /** Long enough to tell a quick answer from auth0-spa-js's 60 s iframe timeout, with room for a slow machine. */
    private static final double QUICK_MS = 10_000;

    @Test
    void loginWithRedirectAndHandleRedirectCallbackGiveTheSdkVerifiedTokens() throws Exception {
        loginWithRedirect("alice");

        Map<String, Object> user = value(call("user", "spaClient.getUser()"));
        assertThat(user).containsEntry("preferred_username", "alice").containsEntry("email", "alice@example.org");
        Map<String, Object> claims = value(call("claims", "spaClient.getIdTokenClaims()"));
        assertThat(claims).containsEntry("iss", HTTPS_ISSUER).containsEntry("aud", "spa");
        Map<String, Object> tokens = value(call("tokens", "spaClient.getTokenSilently({detailedResponse: true})"));
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) tokens.get("id_token"), HTTPS_ISSUER, "spa");
        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) tokens.get("access_token"), HTTPS_ISSUER, "spa");
        assertThat(accessToken.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(idToken.getStringClaim("nonce")).isEqualTo(claims.get("nonce"));

        // The access token works at /auth0/userinfo, called from the app's origin as an SPA would.
        Map<String, Object> userinfo = value(call("userinfo", "fetch('" + DOMAIN + "/userinfo', "
                + "{headers: {Authorization: 'Bearer ' + '" + tokens.get("access_token") + "'}}).then(function (r) { return r.json(); })"));
        assertThat(userinfo).containsEntry("sub", idToken.getSubject()).containsEntry("preferred_username", "alice");
    }

    @Test
    void getTokenSilentlyOverWebMessageGivesAFreshAccessToken() throws Exception {
        loginWithRedirect("alice");
        Map<String, Object> cached = value(call("cached", "spaClient.getTokenSilently({detailedResponse: true})"));

        Map<String, Object> fresh = value(call("fresh", "spaClient.getTokenSilently({detailedResponse: true, cacheMode: 'off'})"));

        assertThat(fresh.get("access_token")).isNotEqualTo(cached.get("access_token"));
        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) fresh.get("access_token"), HTTPS_ISSUER, "spa");
        assertThat(accessToken.getIssueTime()).isAfterOrEqualTo(Tokens.verifyAccessToken((String) cached.get("access_token"), HTTPS_ISSUER, "spa").getIssueTime());
        assertThat(((Number) fresh.get("expires_in")).longValue()).isPositive();
        Tokens.verifyIdToken((String) fresh.get("id_token"), HTTPS_ISSUER, "spa");
        // The hidden iframe went to /auth0/authorize with response_mode=web_message; Keycloak's login event says so.
        assertThat(loginEvents()).anySatisfy(details -> assertThat(details).containsEntry("response_mode", "web_message")
                .containsEntry("response_type", "code"));
    }

    @Test
    void withRefreshTokensGetTokenSilentlyRefreshesThroughTheTokenEndpoint() {
        // With the default in-memory cache auth0-spa-js sends token requests from a Web Worker that only allows the
        // path /oauth/token at the domain's origin; under the /auth0 prefix an app needs cacheLocation 'localstorage'.
        Map<String, Object> refreshing = Map.of("useRefreshTokens", true, "cacheLocation", "localstorage");
        loginWithRedirect("alice", refreshing);
        Map<String, Object> cached = value(call("cached", "spaClient.getTokenSilently({detailedResponse: true})"));

        Map<String, Object> fresh = value(call("fresh", "spaClient.getTokenSilently({detailedResponse: true, cacheMode: 'off'})"));

        assertThat(fresh.get("access_token")).isNotEqualTo(cached.get("access_token"));
        Tokens.verifyAccessToken((String) fresh.get("access_token"), HTTPS_ISSUER, "spa");
        // Keycloak's refresh-token grant did it (offline_access, which auth0-spa-js asks for), not a hidden iframe.
        assertThat(io.storezero.it.support.KeycloakAdmin.local().events(AUTH0_REALM, "REFRESH_TOKEN"))
                .anySatisfy(event -> assertThat(event.path("clientId").asText()).isEqualTo("spa"));
    }

    @Test
    void withoutASessionGetTokenSilentlyFailsQuicklyWithLoginRequired() {
        openSdkApp("/");
        initSpa();

        Map<String, Object> result = call("silent", "spaClient.getTokenSilently({cacheMode: 'off'})");

        assertThat(result).containsEntry("ok", false).containsEntry("error", "login_required");
        assertThat(((Number) result.get("ms")).doubleValue()).isLessThan(QUICK_MS);
    }

    @Test
    void logoutEndsTheKeycloakSessionAndReturnsToTheApp() {
        loginWithRedirect("alice");
        assertThat(call("before", "spaClient.getTokenSilently({cacheMode: 'off'})")).containsEntry("ok", true);

        start("logout", "spaClient.logout({logoutParams: {returnTo: '" + sdkApp("/logged-out") + "'}})");
        awaitUrl(sdkApp("/logged-out"));
        openSdkAppKeepingUrl();
        initSpa();

        Map<String, Object> after = call("after", "spaClient.getTokenSilently({cacheMode: 'off'})");
        assertThat(after).containsEntry("ok", false).containsEntry("error", "login_required");
        assertThat(((Number) after.get("ms")).doubleValue()).isLessThan(QUICK_MS);
        assertThat(value(call("authenticated", "spaClient.isAuthenticated().then(function (a) { return {authenticated: a}; })")))
                .containsEntry("authenticated", false);
    }

    @Test
    void loginWithPopupLogsInThroughAWebMessageFromThePopup() {
        openSdkApp("/");
        initSpa();
        String main = browser.driver().getWindowHandle();

        start("popup", "spaClient.loginWithPopup()");
        browser.switchToOtherWindow(main);
        browser.login("alice", "alice");
        browser.driver().switchTo().window(main);

        assertThat(result("popup")).containsEntry("ok", true);
        assertThat(value(call("user", "spaClient.getUser()"))).containsEntry("preferred_username", "alice");
        Tokens.verifyAccessToken((String) value(call("token", "spaClient.getTokenSilently({detailedResponse: true})")).get("access_token"),
                HTTPS_ISSUER, "spa");
        assertThat(browser.windows()).hasSize(1);
    }

    @Test
    void aCodeKeycloakRejectsReachesTheSdkAsItsOAuthError() {
        openSdkApp("/");
        initSpa();
        start("login", "spaClient.loginWithRedirect()");
        awaitUrl(DOMAIN + "/authorize");
        String state = queryParam(browser.driver().getCurrentUrl(), "state");

        // Back at the app with the transaction's state but a code Keycloak never issued.
        browser.open(sdkApp("/callback?code=not-a-keycloak-code&state=" + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8)));
        openSdkAppKeepingUrl();
        initSpa();
        Map<String, Object> result = call("callback", "spaClient.handleRedirectCallback()");

        assertThat(result).containsEntry("ok", false).containsEntry("error", "invalid_grant");
        assertThat((String) result.get("error_description")).isNotBlank();
    }

    private static String queryParam(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static java.util.List<Map<String, String>> loginEvents() {
        return io.storezero.it.support.KeycloakAdmin.local().events(AUTH0_REALM, "LOGIN").stream()
                .map(event -> {
                    Map<String, String> details = new java.util.HashMap<>();
                    event.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
                    return details;
                })
                .toList();
    }
}
