package io.storezero.it.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.Tokens;
import io.storezero.testsupport.Poll;
import io.storezero.testsupport.TestPageBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Refresh-token rotation as the path that needs no Keycloak cookie at all: unmodified auth0-spa-js with
 * {@code useRefreshTokens}, on another site than Keycloak, in Chromium with third-party cookies blocked, and the
 * renewal itself in every cell of the matrix.
 */
class RefreshTokenIT extends CrossSiteTest {

    private static final String DOMAIN = ISSUER + "/auth0";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * auth0-spa-js keeps its default in-memory cache in a Web Worker that only posts to {@code /oauth/token} at the
     * domain's origin; under the {@code /auth0} prefix an app needs the localStorage cache (see Auth0SpaJsIT).
     */
    private static final Map<String, Object> REFRESHING = Map.of("useRefreshTokens", true, "cacheLocation", "localstorage");

    @Test
    void withoutRefreshTokensTheSdksSilentIframeAnswersLoginRequiredThoughTheSessionIsAlive() {
        loginWithRedirect(spa, Map.of());

        Map<String, Object> silent = call("silent", "spaClient.getTokenSilently({cacheMode: 'off'})");

        assertThat(silent).containsEntry("ok", false).containsEntry("error", "login_required");
    }

    /**
     * Every cell of the matrix: the refresh is a CORS {@code fetch} to the token endpoint with no cookie, so it renews
     * whatever the deployment and the third-party-cookie setting. Keycloak's REFRESH_TOKEN events prove the renewals
     * went through the refresh token, not through the silent iframe (which works in three of the cells too).
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void withRefreshTokensGetTokenSilentlyKeepsWorkingAndEachRefreshRotatesTheToken(Cell cell) {
        TestPages pages = inCell(cell);
        loginWithRedirect(pages, REFRESHING);
        int refreshesBefore = refreshEvents();
        String firstAccess = accessToken(call("cached", "spaClient.getTokenSilently({detailedResponse: true})"));
        String firstRefresh = storedRefreshToken();

        String secondAccess = accessToken(call("fresh", "spaClient.getTokenSilently({detailedResponse: true, cacheMode: 'off'})"));
        String secondRefresh = storedRefreshToken();
        String thirdAccess = accessToken(call("fresher", "spaClient.getTokenSilently({detailedResponse: true, cacheMode: 'off'})"));

        assertThat(secondAccess).isNotEqualTo(firstAccess);
        assertThat(thirdAccess).isNotEqualTo(secondAccess);
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(storedRefreshToken()).isNotEqualTo(secondRefresh);
        Tokens.verifyAccessToken(thirdAccess, ISSUER, CLIENT);
        assertThat(refreshEvents() - refreshesBefore).as("refresh-token grants in %s", cell).isEqualTo(2);
    }

    /** Keycloak's REFRESH_TOKEN events of the SPA so far. */
    private static int refreshEvents() {
        return (int) KeycloakAdmin.local().events(REALM, "REFRESH_TOKEN").stream()
                .filter(event -> CLIENT.equals(event.path("clientId").asText())).count();
    }

    @Test
    void aRefreshTokenUsedOnceIsRefusedTheSecondTimeAndItsReplayRevokesTheRotatedOnes() throws Exception {
        loginWithRedirect(spa, REFRESHING);
        String first = storedRefreshToken();
        // auth0-spa-js asks for offline_access with useRefreshTokens: Keycloak answers with an offline token, whose
        // lifetime is the realm's offline session, not the browser session.
        assertThat(claims(first).path("typ").asText()).isEqualTo("Offline");
        // Keycloak's reuse check compares issue times in whole seconds (TokenManager.validateTokenReuse: stale if
        // iat < the last refresh), so a replay within the second the token was issued in is not detected. Rotate only
        // once the clock has left that second, as any replay a thief makes later would have.
        long issuedAt = claims(first).path("iat").asLong();
        Poll.until(Duration.ofSeconds(5), "the clock past the first token's second",
                () -> System.currentTimeMillis() / 1000 > issuedAt ? Boolean.TRUE : null);

        Map.Entry<Integer, JsonNode> used = refresh(first);
        assertThat(used.getKey()).isEqualTo(200);
        String second = used.getValue().path("refresh_token").asText();
        assertThat(second).isNotEmpty().isNotEqualTo(first);
        Map.Entry<Integer, JsonNode> rotated = refresh(second);
        assertThat(rotated.getKey()).as("the rotated token: %s", rotated.getValue()).isEqualTo(200);
        String third = rotated.getValue().path("refresh_token").asText();

        Map.Entry<Integer, JsonNode> replayed = refresh(first);
        assertThat(replayed.getKey()).isEqualTo(400);
        assertThat(replayed.getValue().path("error").asText()).isEqualTo("invalid_grant");
        // Reuse detection: the replay ends the client's session, so the newest token of the chain dies with it.
        Map.Entry<Integer, JsonNode> afterReplay = refresh(third);
        assertThat(afterReplay.getKey()).as("the newest token after a replay: %s", afterReplay.getValue()).isEqualTo(400);
        assertThat(afterReplay.getValue().path("error").asText()).isEqualTo("invalid_grant");
    }

    private static Map.Entry<Integer, JsonNode> refresh(String refreshToken) {
        return postForm(DOMAIN + "/oauth/token", Map.of("grant_type", "refresh_token", "client_id", CLIENT, "refresh_token", refreshToken));
    }

    /** The claims of a Keycloak refresh token (a signed JWT), read without verifying: only its type matters here. */
    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** The refresh token auth0-spa-js keeps in its localStorage cache. */
    private static String storedRefreshToken() {
        return (String) browser.script("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                + " if (k.indexOf('@@auth0spajs@@::" + CLIENT + "::') === 0) { var e = JSON.parse(localStorage.getItem(k));"
                + " if (e.body && e.body.refresh_token) { return e.body.refresh_token; } } } return null;");
    }

    @SuppressWarnings("unchecked")
    private static String accessToken(Map<String, Object> result) {
        assertThat(result).as("SDK call").containsEntry("ok", true);
        return (String) ((Map<String, Object>) result.get("value")).get("access_token");
    }

    /** Logs in on Keycloak's form at the top level through auth0-spa-js on the SPA's origin, and handles the callback. */
    private static void loginWithRedirect(TestPages pages, Map<String, Object> extra) {
        browser.open(pages.url("/sdk/"));
        awaitSdk();
        browser.script("localStorage.clear();");
        initSpa(pages, extra);
        // Not awaited: the SDK navigates the page to Keycloak.
        browser.script("run('login', function () { return spaClient.loginWithRedirect(); });");
        browser.login("alice", "alice");
        TestPageBrowser.await("the SDK callback", () -> browser.driver().getCurrentUrl().startsWith(pages.url("/sdk/callback")) ? Boolean.TRUE : null);
        awaitSdk();
        initSpa(pages, extra);
        assertThat(call("callback", "spaClient.handleRedirectCallback()")).containsEntry("ok", true);
    }

    private static void initSpa(TestPages pages, Map<String, Object> extra) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("domain", DOMAIN);
        options.put("issuer", ISSUER);
        options.put("clientId", CLIENT);
        options.put("authorizationParams", Map.of("redirect_uri", pages.url("/sdk/callback")));
        options.putAll(extra);
        browser.script("spa(arguments[0]);", options);
    }

    private static void awaitSdk() {
        TestPageBrowser.await("the SDK app", () -> Boolean.TRUE.equals(browser.script("return typeof window.run === 'function' && !!window.Auth0Spa;")) ? Boolean.TRUE : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(String name, String expression) {
        browser.script("run(arguments[0], function () { return " + expression + "; });", name);
        return TestPageBrowser.await("the outcome of " + name, () -> (Map<String, Object>) browser.script("return window.results[arguments[0]] || null;", name));
    }
}
