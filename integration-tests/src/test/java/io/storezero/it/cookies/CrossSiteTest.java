package io.storezero.it.cookies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.ProjectRoot;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.TestTls;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.TestPageBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An SPA on another site than Keycloak, in a browser that blocks third-party cookies: realm
 * {@code cookies-recover-it}, client {@code cross-site-spa} whose only Web Origin is {@link TestPages#FOREIGN_ORIGIN}
 * ({@code http://127.0.0.1:...}), Keycloak over HTTPS on {@code https://localhost:...}: another host and scheme, so
 * another site, and Keycloak's session cookies ({@code SameSite=None; Secure}) are third-party in the SPA's frames.
 * The realm's refresh-token settings are copied from the shipped {@code realm-export/storezero-realm.json}, so what the
 * tests see of rotation is what the shipped realm does.
 *
 * <p>The matrix tests run one path in every {@link Cell}: the client also lists {@link TestPages#HTTPS_ORIGIN}
 * ({@code https://localhost:...}, Keycloak's site) for the same-site cells, and {@link #inCell} switches to a browser
 * whose third-party-cookie setting is the cell's (one browser open at a time), reset before each test.
 */
@ExtendWith(StorezeroServer.class)
abstract class CrossSiteTest {

    static final String REALM = "cookies-recover-it";
    static final String CLIENT = "cross-site-spa";
    static final String KEYCLOAK = StorezeroServer.KEYCLOAK_HTTPS_URL;
    static final String ISSUER = KEYCLOAK + "/realms/" + REALM;
    /** The shipped realm's token settings the test realm takes over. */
    static final List<String> SHIPPED_TOKEN_SETTINGS = List.of("revokeRefreshToken", "refreshTokenMaxReuse", "accessTokenLifespan",
            "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "offlineSessionIdleTimeout", "offlineSessionMaxLifespanEnabled",
            "offlineSessionMaxLifespan");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The SPA: a registered Web Origin, on another site than Keycloak. */
    static TestPages spa;
    /** The same SPA on Keycloak's site (HTTPS on localhost), also a registered Web Origin: the same-site cells. */
    static TestPages sameSite;
    /** Another origin, registered nowhere. */
    static TestPages stranger;
    /** The browser of the running test: third-party cookies blocked unless {@link #inCell} chose another setting. */
    static CrossSiteBrowser browser;
    /** The third-party-cookie setting {@link #browser} was started with. */
    private static boolean browserAllows;

    @BeforeAll
    static void realmPagesAndBrowser() throws IOException {
        KeycloakAdmin admin = KeycloakAdmin.local();
        if (!admin.realmExists(REALM)) {
            ObjectNode realm = (ObjectNode) KeycloakAdmin.realmFile("/realms/cookies-recover-it.json");
            JsonNode shipped = JSON.readTree(Files.readString(ProjectRoot.get().resolve("realm-export/storezero-realm.json")));
            SHIPPED_TOKEN_SETTINGS.forEach(name -> realm.set(name, shipped.get(name)));
            // The same SPA on Keycloak's site, for the same-site cells; the realm file keeps describing the cross-site one.
            ObjectNode client = (ObjectNode) realm.path("clients").get(0);
            ((ArrayNode) client.path("redirectUris")).add(TestPages.HTTPS_ORIGIN + "/*");
            ((ArrayNode) client.path("webOrigins")).add(TestPages.HTTPS_ORIGIN);
            admin.createRealm(realm);
        }
        spa = TestPages.startForeign();
        sameSite = TestPages.startSecureApp();
        stranger = TestPages.startApp();
        browser = browserFor(false);
    }

    @AfterAll
    static void stopPagesAndBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        for (TestPages pages : new TestPages[] {spa, sameSite, stranger}) {
            if (pages != null) {
                pages.close();
            }
        }
    }

    @BeforeEach
    void newVisitor() {
        browser = browserFor(false);
        browser.forgetEverything();
    }

    /**
     * Runs the rest of the test in {@code cell}: the browser with the cell's third-party-cookie setting, as a new
     * visitor; answers the SPA's pages in that cell's deployment.
     */
    static TestPages inCell(Cell cell) {
        browser = browserFor(cell.allowed);
        browser.forgetEverything();
        return cell.pages(sameSite, spa);
    }

    /**
     * The one open browser, restarted when the setting changes: a second Chromium left open keeps idle connections to
     * the JDK's HTTPS test pages, whose single dispatcher thread then stalls the other browser's page loads (seen as
     * a renderer timeout in the same-site blocked cell while the allowed browser was still open).
     */
    private static CrossSiteBrowser browserFor(boolean thirdPartyCookiesAllowed) {
        if (browser == null || browserAllows != thirdPartyCookiesAllowed) {
            if (browser != null) {
                browser.close();
            }
            browser = CrossSiteBrowser.start(thirdPartyCookiesAllowed);
            browserAllows = thirdPartyCookiesAllowed;
        }
        return browser;
    }

    static Authorize authorize() {
        return Authorize.at(KEYCLOAK, REALM);
    }

    /** A full-page login at Keycloak (first-party there), back to the SPA: the user has a live Keycloak session. */
    static void logInTopLevel() {
        logInTopLevel(spa);
    }

    /** {@link #logInTopLevel()}, back to {@code pages}. */
    static void logInTopLevel(TestPages pages) {
        browser.open(authorize().client(CLIENT, pages.url("/callback")).param("response_type", "code").param("scope", "openid")
                .param("state", Authorize.random()).param("code_challenge", Authorize.Pkce.create().challenge())
                .param("code_challenge_method", "S256").url());
        browser.login("alice", "alice");
        TestPageBrowser.await("the redirect back to the SPA", () -> browser.driver().getCurrentUrl().startsWith(pages.url("/callback")) ? Boolean.TRUE : null);
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().sslContext(TestTls.get().sslContext()).build();
    }

    /** A GET from outside the browser, trusting the run's certificate; redirects are not followed. */
    static HttpResponse<String> get(String url) {
        try {
            return http().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form POST from outside the browser; answers status and JSON body. */
    static Map.Entry<Integer, JsonNode> postForm(String url, Map<String, String> form) {
        try {
            HttpResponse<String> response = http().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Authorize.formEncode(form))).build(), HttpResponse.BodyHandlers.ofString());
            return Map.entry(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
