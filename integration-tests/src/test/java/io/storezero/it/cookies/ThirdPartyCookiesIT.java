package io.storezero.it.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.Tokens;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.TestPageBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Silent authentication when the browser withholds Keycloak's cookies from a frame on another site: the matrix of
 * docs/third-party-cookies.md, each cell in a Chromium whose third-party-cookie setting is pinned, never its default.
 *
 * <p>The matrix runs in the test realm {@code auth0-it} (client {@code spa}, user alice with a password; the shipped
 * storezero realm has no password form, its users come from Facebook). Sites: Keycloak over HTTPS ({@code https://localhost:<https port>}; its session cookie is {@code SameSite=None;
 * Secure} there, the only kind a cross-site frame can ever get); the same-site page on {@code https://localhost:<pages
 * https port>}, the cross-site page on {@code http://127.0.0.1:<foreign port>} (another host, hence another site). The
 * demo test uses the real Storezero app at {@code http://127.0.0.1:<app port>} against Keycloak's HTTP port on
 * {@code localhost}, as a developer would open it, signed in through the simulated Facebook. The cross-site origins
 * are added to the clients for the class and removed afterwards: the realms register only localhost URLs.
 */
@ExtendWith(StorezeroServer.class)
class ThirdPartyCookiesIT {

    private static final String REALM = "auth0-it";
    private static final String SPA = "spa";
    private static final String USER = "alice";
    private static final String DEMO_REALM = "storezero";
    private static final String DEMO_CLIENT = "storezero-spa";
    private static final String KEYCLOAK = StorezeroServer.KEYCLOAK_HTTPS_URL;
    private static final String ISSUER = KEYCLOAK + "/realms/" + REALM;
    /** The Storezero app opened by its IP address: another site than Keycloak on localhost. */
    private static final String DEMO_CROSS_SITE = "http://127.0.0.1:" + StorezeroServer.APP_PORT;
    private static final String STORAGE_ACCESS = "storage_access";

    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    private static TestPages sameSite;
    private static TestPages crossSite;
    private static ClientRepresentation shippedClient;
    private static ClientRepresentation shippedDemoClient;
    private static String userId;

    @BeforeAll
    static void pagesClientsAndUser() {
        sameSite = TestPages.startSecureApp();
        crossSite = TestPages.startForeign();
        ADMIN.ensureRealm("/realms/upstream-it.json");
        ADMIN.ensureRealm("/realms/auth0-it.json");
        // spa: redirect URIs <pages>/* and Web Origins "+"; the cross-site pages are one more redirect URI.
        shippedClient = widen(client(REALM, SPA), crossSite.origin() + "/*", null);
        shippedDemoClient = widen(client(DEMO_REALM, DEMO_CLIENT), DEMO_CROSS_SITE + "/", DEMO_CROSS_SITE);
        userId = ADMIN.realm(REALM).users().searchByUsername(USER, true).get(0).getId();
    }

    @AfterAll
    static void restore() {
        if (shippedClient != null) {
            client(REALM, SPA).update(shippedClient);
        }
        if (shippedDemoClient != null) {
            client(DEMO_REALM, DEMO_CLIENT).update(shippedDemoClient);
        }
        for (TestPages pages : new TestPages[] {sameSite, crossSite}) {
            if (pages != null) {
                pages.close();
            }
        }
    }

    /** Adds a redirect URI (and a Web Origin, unless null) to {@code client}; answers the client as it was. */
    private static ClientRepresentation widen(ClientResource client, String redirectUri, String webOrigin) {
        ClientRepresentation before = client.toRepresentation();
        ClientRepresentation widened = client.toRepresentation();
        List<String> redirects = new ArrayList<>(widened.getRedirectUris());
        redirects.add(redirectUri);
        widened.setRedirectUris(redirects);
        if (webOrigin != null) {
            List<String> origins = new ArrayList<>(widened.getWebOrigins());
            origins.add(webOrigin);
            widened.setWebOrigins(origins);
        }
        client.update(widened);
        return before;
    }

    /**
     * The switch the whole matrix rests on, checked in the installed Chromium: a {@code SameSite=None; Secure} cookie of
     * Keycloak's site, read from inside a frame of Keycloak (the web_message page, the one page it lets another site
     * frame) on a cross-site page: visible, and hasStorageAccess() true, only when third-party cookies are allowed.
     */
    @ParameterizedTest(name = "third-party cookies allowed: {0}")
    @ValueSource(booleans = {true, false})
    void guard_theSwitchDecidesWhetherACrossSiteFrameGetsItsCookies(boolean allowed) {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(allowed)) {
            browser.open(KEYCLOAK + "/realms/" + REALM + "/.well-known/openid-configuration");
            browser.script("document.cookie = 'sz_guard=1; Path=/; Secure; SameSite=None';");
            silent(browser, crossSite, Authorize.random());
            browser.driver().switchTo().frame(0);
            String cookies = (String) browser.script("return document.cookie;");
            Object access = browser.driver().executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; document.hasStorageAccess().then(done, function () { done(null); });");
            browser.driver().switchTo().defaultContent();

            if (allowed) {
                assertThat(cookies).as("cookies of a cross-site frame, third-party cookies allowed").contains("sz_guard=1");
                assertThat(access).isEqualTo(Boolean.TRUE);
            } else {
                assertThat(cookies).as("cookies of a cross-site frame, third-party cookies blocked").doesNotContain("sz_guard");
                assertThat(access).isEqualTo(Boolean.FALSE);
            }
        }
    }

    /** (a) Same site, allowed or blocked; cross site, allowed: the silent iframe carries the session, fresh tokens. */
    @ParameterizedTest
    @EnumSource(value = Cell.class, names = {"SAME_SITE_ALLOWED", "SAME_SITE_BLOCKED", "CROSS_SITE_ALLOWED"})
    void silentIframe_whereTheFrameGetsKeycloaksCookies_answersFreshTokens(Cell cell) {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(cell.allowed)) {
            signIn(browser);
            String nonce = Authorize.random();
            Map<String, Object> response = silent(browser, cell.pages(sameSite, crossSite), nonce);

            assertThat(response).as("silent answer in %s", cell).containsEntry("state", "s1")
                    .containsKey("access_token").doesNotContainKey("error").doesNotContainKey(STORAGE_ACCESS);
            assertThat(Tokens.verifyIdToken((String) response.get("id_token"), ISSUER, SPA, nonce).getSubject()).isEqualTo(userId);
        }
    }

    /**
     * (a) Cross site, blocked: the session is alive, but the frame is sent no cookie. The answer stays the standard
     * login_required, and says why: the replaced description and storage_access=unavailable.
     */
    @Test
    void silentIframe_crossSiteBlocked_answersLoginRequiredThatSaysTheFrameHadNoCookies() {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(false)) {
            signIn(browser);
            Map<String, Object> response = silent(browser, crossSite, Authorize.random());

            assertThat(response).containsEntry("error", "login_required").containsEntry("state", "s1")
                    .containsEntry(STORAGE_ACCESS, "unavailable").doesNotContainKey("access_token");
            assertThat((String) response.get("error_description")).contains("third-party cookies blocked")
                    .contains("no access to the authorization server's cookies");
            assertThat(browser.received().get(0).get("origin")).as("the page's message came from Keycloak").isEqualTo(KEYCLOAK);
        }
    }

    /**
     * (a) A session really gone (ended by an administrator, the browser keeps its now useless cookie), in each cell
     * where the frame has access to cookies: a plain login_required, its usual description, no extension field.
     */
    @ParameterizedTest
    @EnumSource(value = Cell.class, names = {"SAME_SITE_ALLOWED", "SAME_SITE_BLOCKED", "CROSS_SITE_ALLOWED"})
    void silentIframe_afterTheSessionEnded_answersPlainLoginRequired(Cell cell) {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(cell.allowed)) {
            signIn(browser);
            ADMIN.realm(REALM).users().get(userId).logout();
            Map<String, Object> response = silent(browser, cell.pages(sameSite, crossSite), Authorize.random());

            assertThat(response).as("silent answer in %s after the session ended", cell)
                    .containsEntry("error", "login_required").containsEntry("error_description", "Login required")
                    .doesNotContainKey(STORAGE_ACCESS).doesNotContainKey("access_token");
        }
    }

    /**
     * (b) The same request, prompt=none and web_message, in a popup opened by a click: a top-level window, so the browser
     * sends Keycloak's first-party cookies in every cell; fresh tokens and no login form.
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void popup_promptNoneWebMessage_answersFreshTokensInEveryCell(Cell cell) {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(cell.allowed)) {
            signIn(browser);
            TestPages pages = cell.pages(sameSite, crossSite);
            browser.open(pages.url("/"));
            String page = browser.driver().getWindowHandle();
            String nonce = Authorize.random();
            browser.popupFromClick(Authorize.at(KEYCLOAK, REALM).client(SPA, pages.url("/")).silentImplicit("p1", nonce).url());
            Map<String, Object> message = browser.awaitMessage();

            assertThat(message.get("fromPopup")).isEqualTo(Boolean.TRUE);
            Map<String, Object> response = Tokens.response(message);
            assertThat(response).as("popup answer in %s", cell).containsEntry("state", "p1").containsKey("access_token")
                    .doesNotContainKey("error");
            assertThat(Tokens.verifyIdToken((String) response.get("id_token"), ISSUER, SPA, nonce).getSubject()).isEqualTo(userId);
            browser.switchToOtherWindow(page);
            assertThat(browser.first(By.id("username"))).as("a login form in the popup").isNull();
            browser.driver().switchTo().window(page);
        }
    }

    /**
     * (c) The Storezero app opened cross-site (127.0.0.1) with third-party cookies blocked, the user signed in at
     * Keycloak: the app says "You are still signed in — continue" rather than showing a logged-out shop, and one
     * click signs it in with fresh tokens.
     */
    @Test
    void demo_crossSiteBlocked_showsStillSignedInAndContinuesWithOneClick() {
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(false)) {
            signInToTheDemoRealm(browser);
            browser.open(DEMO_CROSS_SITE + "/");
            WebElement proceed = TestPageBrowser.await("the app's 'still signed in' button", () -> browser.first(By.id("continue")));

            assertThat(proceed.getText()).isEqualTo("You are still signed in — continue");
            assertThat(browser.first(By.id("login"))).as("a 'Log in' button as if the user had logged out").isNull();
            assertThat(browser.script("return document.body.dataset.auth;")).isEqualTo("cookies-blocked");
            String app = browser.driver().getWindowHandle();
            proceed.click();

            TestPageBrowser.await("the app signed in", () -> "signed-in".equals(browser.script("return document.body.dataset.auth;")) ? Boolean.TRUE : null);
            assertThat(browser.driver().findElement(By.id("who-name")).getText()).isEqualTo("Alice Shopper");
            TestPageBrowser.await("the app to close its popup", () -> browser.windows().size() == 1 ? Boolean.TRUE : null);
            assertThat(browser.windows()).containsExactly(app);
        }
    }

    /**
     * auth0-spa-js, unmodified, on the cross-site page with third-party cookies blocked and alice signed in: the
     * answer now carries storage_access, and the SDK still throws exactly login_required, as Auth0 taught apps to expect.
     */
    @Test
    void auth0SpaJs_crossSiteBlocked_stillThrowsLoginRequired() {
        String issuer = KEYCLOAK + "/realms/" + REALM;
        try (CrossSiteBrowser browser = CrossSiteBrowser.start(false)) {
            signIn(browser);
            browser.open(crossSite.url("/sdk/"));
            TestPageBrowser.await("the SDK page", () -> Boolean.TRUE.equals(browser.script(
                    "return typeof window.run === 'function' && !!window.Auth0Spa;")) ? Boolean.TRUE : null);
            browser.script("window.answers = []; window.addEventListener('message', function (e) {"
                    + " if (e.data && e.data.type === 'authorization_response') window.answers.push(e.data.response); });"
                    + "spa(arguments[0]);", Map.of("domain", issuer + "/auth0", "issuer", issuer, "clientId", SPA,
                    "authorizationParams", Map.of("redirect_uri", crossSite.url("/sdk/callback"))));
            browser.script("run('silent', function () { return spaClient.getTokenSilently({cacheMode: 'off'}); });");
            @SuppressWarnings("unchecked")
            Map<String, Object> result = TestPageBrowser.await("getTokenSilently's outcome",
                    () -> (Map<String, Object>) browser.script("return window.results.silent || null;"));

            assertThat(result).containsEntry("ok", false).containsEntry("error", "login_required");
            assertThat(browser.script("return window.answers[0] && window.answers[0].storage_access;"))
                    .as("the extension field in the answer auth0-spa-js received").isEqualTo("unavailable");
        }
    }

    /** Signs alice in at Keycloak's HTTPS port, at the top level: Keycloak's session cookie is then in the profile. */
    private static void signIn(CrossSiteBrowser browser) {
        String redirectUri = sameSite.url("/callback");
        browser.open(loginRequest(KEYCLOAK, REALM, SPA, redirectUri));
        browser.login(USER, USER);
        awaitRedirectTo(browser, redirectUri);
    }

    /** Signs alice in to the shipped storezero realm as the demo does: Keycloak's page, then the simulated Facebook. */
    private static void signInToTheDemoRealm(CrossSiteBrowser browser) {
        String redirectUri = StorezeroServer.APP_URL + "/";
        browser.open(loginRequest(StorezeroServer.KEYCLOAK_URL, DEMO_REALM, DEMO_CLIENT, redirectUri));
        browser.continueWithFacebook(StorezeroServer.KEYCLOAK_URL + "/realms/facebook", USER, USER);
        awaitRedirectTo(browser, redirectUri);
    }

    private static String loginRequest(String keycloak, String realm, String clientId, String redirectUri) {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        return Authorize.at(keycloak, realm).client(clientId, redirectUri).param("response_type", "code")
                .param("scope", "openid").param("state", Authorize.random()).param("code_challenge", pkce.challenge())
                .param("code_challenge_method", "S256").url();
    }

    private static void awaitRedirectTo(CrossSiteBrowser browser, String redirectUri) {
        TestPageBrowser.await("the redirect back after the login",
                () -> browser.driver().getCurrentUrl().startsWith(redirectUri + "?") ? Boolean.TRUE : null);
    }

    /** A hidden iframe with prompt=none and web_message from {@code pages}, as auth0.js checkSession sends it. */
    private static Map<String, Object> silent(CrossSiteBrowser browser, TestPages pages, String nonce) {
        browser.open(pages.url("/"));
        browser.silent(Authorize.at(KEYCLOAK, REALM).client(SPA, pages.url("/")).silentImplicit("s1", nonce).url());
        return Tokens.response(browser.awaitMessage());
    }

    private static ClientResource client(String realm, String clientId) {
        String id = ADMIN.realm(realm).clients().findByClientId(clientId).get(0).getId();
        return ADMIN.realm(realm).clients().get(id);
    }
}
