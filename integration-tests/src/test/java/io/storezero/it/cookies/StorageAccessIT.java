package io.storezero.it.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.Tokens;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.TestPageBrowser;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Storage Access API path back to a live session (keycloak#23872), in Chromium with third-party cookies blocked,
 * the SPA on another site than Keycloak: a visible frame at {@code /realms/{realm}/storage-access/frame}, one real
 * click inside it, and the silent request in that frame sees the session again and answers the SPA by web message.
 */
class StorageAccessIT extends CrossSiteTest {

    private static final String FRAME = ISSUER + "/storage-access/frame";
    /** The client attribute as the docs name it (the suite is black box: no provider class on its classpath). */
    private static final String SWITCH = "storezero.storage_access.enabled";

    /**
     * Every cell of the matrix: before the click the SPA's hidden silent iframe gets Keycloak's cookie (a code)
     * except cross site with third-party cookies blocked ({@code login_required}); the visible frame already has
     * storage access exactly where the hidden one got the cookie; after one click in it, the frame's silent request
     * brings a code that exchanges for alice's tokens in every cell. Only the blocked cross-site cell needs the
     * user's "Allow" (the DevTools grant); elsewhere {@code requestStorageAccess()} resolves without any permission.
     */
    @ParameterizedTest
    @EnumSource(Cell.class)
    void afterOneClickTheFramesSilentRequestBringsTokensInEveryCell(Cell cell) {
        TestPages pages = inCell(cell);
        logInTopLevel(pages);
        browser.open(pages.url("/"));
        browser.silent(authorize().client(CLIENT, pages.url("/callback")).silentCode(Authorize.random(), Authorize.random(), Authorize.Pkce.create()).url());
        Map<String, Object> before = Tokens.response(awaitMessages("authorization_response", 1).get(0));
        if (cell.frameGetsCookies()) {
            assertThat(before).as("the hidden iframe in %s", cell).containsKey("code").doesNotContainKey("error");
        } else {
            // The problem: the session is alive, but the SPA's hidden iframe gets no Keycloak cookie.
            assertThat(before).as("the hidden iframe in %s", cell).containsEntry("error", "login_required");
            browser.allowStorageAccess(pages.origin(), KEYCLOAK);
        }

        String state = Authorize.random();
        Authorize.Pkce pkce = Authorize.Pkce.create();
        showFrame(frameUrl(pages, state, pkce));
        assertThat(frameHasStorageAccess()).as("storage access of the visible frame before the click in %s", cell)
                .isEqualTo(cell.frameGetsCookies());
        clickContinue();

        Map<String, Object> message = awaitMessages("authorization_response", 2).get(1);
        assertThat(message.get("origin")).isEqualTo(KEYCLOAK);
        Map<String, Object> response = Tokens.response(message);
        assertThat(response).as("the frame's answer in %s", cell).containsEntry("state", state).containsKey("code").doesNotContainKey("error");
        assertThat(browser.received("storage_access_denied")).as("refusals in %s", cell).isEmpty();
        Map<String, Object> tokens = exchange(pages, (String) response.get("code"), pkce);
        assertThat(((Number) tokens.get("status")).intValue()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        String accessToken = (String) ((Map<String, Object>) tokens.get("body")).get("access_token");
        JWTClaimsSet claims = Tokens.verifyAccessToken(accessToken, ISSUER, CLIENT);
        assertThat(claims.getClaim("preferred_username")).isEqualTo("alice");
    }

    @Test
    void whenTheBrowserRefusesStorageAccessTheSpaIsToldAndGetsNoTokens() {
        logInTopLevel();
        browser.open(spa.url("/"));

        // No grant: headless Chromium has no prompt to answer and refuses requestStorageAccess().
        showFrame(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));
        clickContinue();

        awaitMessages("storage_access_denied", 1);
        assertThat(browser.received("storage_access_denied").get(0).get("origin")).isEqualTo(KEYCLOAK);
        assertThat(browser.received("authorization_response")).isEmpty();
    }

    @Test
    void withoutASessionTheFrameAnswersLoginRequiredAfterTheClick() {
        browser.open(spa.url("/"));
        browser.allowStorageAccess(spa.origin(), KEYCLOAK);

        showFrame(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));
        clickContinue();

        assertThat(Tokens.response(awaitMessages("authorization_response", 1).get(0))).containsEntry("error", "login_required");
    }

    @Test
    void aPageOnAnOriginThatIsNotAWebOriginCannotFrameItAndGetsNothing() {
        logInTopLevel();
        browser.allowStorageAccess(stranger.origin(), KEYCLOAK);
        browser.open(stranger.url("/"));

        // Claiming the SPA's origin: the frame says frame-ancestors <SPA origin>, so Chromium does not render it here.
        showFrame(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));
        // Naming itself: refused, on Keycloak's error page, which keeps frame-ancestors 'self'.
        showFrame(FRAME + "?" + Authorize.formEncode(params(stranger.origin(), stranger.url("/callback"), Authorize.random(), Authorize.Pkce.create())));

        List<WebElement> frames = browser.driver().findElements(By.cssSelector("iframe.storage-access"));
        assertThat(frames).hasSize(2);
        for (WebElement frame : frames) {
            browser.driver().switchTo().frame(frame);
            assertThat(browser.driver().findElements(By.tagName("button"))).as("a control inside a frame the CSP blocked").isEmpty();
            browser.driver().switchTo().defaultContent();
        }
        assertThat(browser.received()).isEmpty();
        assertThat(browser.consoleLog()).contains("frame-ancestors");
    }

    @Test
    void theFrameMayBeFramedByExactlyTheWebOriginAndRunsNoInlineScriptButItsOwn() {
        HttpResponse<String> page = get(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));

        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors " + spa.origin() + ";").contains("script-src 'sha256-")
                .doesNotContain("unsafe-inline").doesNotContain("*");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("<button").contains("prompt=none").contains("response_mode=web_message");
    }

    /** The client's switch off: the same good request is refused like an unknown client's, and served again once on. */
    @Test
    void aClientWhoseStorageAccessSwitchIsOffIsRefusedLikeAnUnknownClient() {
        ClientResource client = KeycloakAdmin.local().realm(REALM).clients()
                .get(KeycloakAdmin.local().realm(REALM).clients().findByClientId(CLIENT).get(0).getId());
        setStorageAccess(client, "false");
        try {
            HttpResponse<String> refused = get(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));
            HttpResponse<String> unknown = get(FRAME + "?" + Authorize.formEncode(
                    with(params(spa.origin(), spa.url("/callback"), "s", Authorize.Pkce.create()), "client_id", "no-such-client")));
            assertThat(refused.statusCode()).isEqualTo(400).isEqualTo(unknown.statusCode());
            assertThat(refused.body()).doesNotContain("storage-access-continue").contains("client_id");
            assertThat(refused.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        } finally {
            // Back on ("true" is the default's value): an attribute left out of an update is kept, not removed.
            setStorageAccess(client, "true");
        }
        assertThat(get(frameUrl(spa, Authorize.random(), Authorize.Pkce.create())).statusCode()).isEqualTo(200);
    }

    /** Sets the client attribute, as realm JSON or kcadm would. */
    private static void setStorageAccess(ClientResource client, String value) {
        ClientRepresentation rep = client.toRepresentation();
        Map<String, String> attributes = new java.util.HashMap<>(rep.getAttributes() == null ? Map.of() : rep.getAttributes());
        attributes.put(SWITCH, value);
        rep.setAttributes(attributes);
        client.update(rep);
    }

    /** The headers Keycloak puts on every page of the realm, and that the frame's own header set must not drop. */
    @Test
    void theFrameCarriesTheRealmsTransportAndRobotsHeadersLikeKeycloaksOwnPages() {
        HttpResponse<String> page = get(frameUrl(spa, Authorize.random(), Authorize.Pkce.create()));
        HttpResponse<String> login = get(authorize().client(CLIENT, spa.url("/callback")).param("response_type", "code")
                .param("scope", "openid").param("state", Authorize.random()).param("code_challenge", Authorize.Pkce.create().challenge())
                .param("code_challenge_method", "S256").url());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(login.body()).as("Keycloak's login page").contains("kc-form-login");
        for (String header : List.of("Strict-Transport-Security", "X-Robots-Tag")) {
            assertThat(login.headers().firstValue(header)).as("Keycloak's login page sets %s", header).isPresent();
            assertThat(page.headers().allValues(header)).as(header).containsExactly(login.headers().firstValue(header).orElseThrow());
        }
        assertThat(page.headers().firstValue("X-Robots-Tag")).contains("none");
    }

    @Test
    void badInputGetsAnErrorPageThatNoOtherSiteMayFrame() {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        Map<String, String> good = params(spa.origin(), spa.url("/callback"), "s", pkce);
        List<Map<String, String>> bad = List.of(
                without(good, "client_id"),
                with(good, "client_id", "no-such-client"),
                without(good, "origin"),
                with(good, "origin", stranger.origin()),
                with(good, "origin", "*"),
                with(good, "redirect_uri", stranger.url("/callback")),
                with(good, "prompt", "login"));
        for (Map<String, String> params : bad) {
            HttpResponse<String> page = get(FRAME + "?" + Authorize.formEncode(params));
            assertThat(page.statusCode()).as(params.toString()).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).as(params.toString()).contains("frame-ancestors 'self'");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(params.toString()).hasValue("SAMEORIGIN");
            assertThat(page.body()).as(params.toString()).doesNotContain("storage-access-continue");
        }
        Map<String, String> strangerItself = with(with(good, "origin", stranger.origin()), "redirect_uri", stranger.url("/callback"));
        assertThat(get(FRAME + "?" + Authorize.formEncode(strangerItself)).statusCode()).isEqualTo(400);
        assertThat(get(FRAME + "?" + Authorize.formEncode(strangerItself)).body())
                .contains("only offered to an origin listed in the client");
    }

    private static String frameUrl(TestPages pages, String state, Authorize.Pkce pkce) {
        return FRAME + "?" + Authorize.formEncode(params(pages.origin(), pages.url("/callback"), state, pkce));
    }

    private static Map<String, String> params(String origin, String redirectUri, String state, Authorize.Pkce pkce) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("client_id", CLIENT);
        params.put("origin", origin);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", state);
        params.put("nonce", Authorize.random());
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    private static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(params);
        changed.put(name, value);
        return changed;
    }

    private static Map<String, String> without(Map<String, String> params, String name) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(params);
        changed.remove(name);
        return changed;
    }

    /** A visible iframe, as an SPA shows the frame to its user. */
    private static void showFrame(String url) {
        browser.script("var f=document.createElement('iframe');f.className='storage-access';f.width=480;f.height=200;"
                + "f.src=arguments[0];document.body.appendChild(f);", url);
    }

    /** What {@code document.hasStorageAccess()} answers inside the visible frame, before any click. */
    private static Object frameHasStorageAccess() {
        browser.driver().switchTo().frame(browser.driver().findElement(By.cssSelector("iframe.storage-access")));
        TestPageBrowser.await("the frame's Continue button", () -> browser.first(By.id("storage-access-continue")));
        Object access = browser.driver().executeAsyncScript(
                "var done = arguments[arguments.length - 1]; document.hasStorageAccess().then(done, function () { done(null); });");
        browser.driver().switchTo().defaultContent();
        return access;
    }

    /** A real click inside the frame: the user gesture requestStorageAccess() needs. */
    private static void clickContinue() {
        browser.driver().switchTo().frame(browser.driver().findElement(By.cssSelector("iframe.storage-access")));
        TestPageBrowser.await("the frame's Continue button", () -> browser.first(By.id("storage-access-continue"))).click();
        browser.driver().switchTo().defaultContent();
    }

    private static List<Map<String, Object>> awaitMessages(String type, int count) {
        return TestPageBrowser.await(count + " message(s) of type " + type, () -> {
            List<Map<String, Object>> messages = browser.received(type);
            return messages.size() >= count ? messages : null;
        });
    }

    /** The code exchange from the SPA's page, as the SPA makes it (CORS for its Web Origin). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> exchange(TestPages pages, String code, Authorize.Pkce pkce) {
        browser.script("window.exchanged=null;exchangeCode(arguments[0],arguments[1],function(r){window.exchanged=r;});",
                ISSUER + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", CLIENT, "code", code,
                        "redirect_uri", pages.url("/callback"), "code_verifier", pkce.verifier()));
        return TestPageBrowser.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
    }
}
