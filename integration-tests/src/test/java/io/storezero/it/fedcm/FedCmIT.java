package io.storezero.it.fedcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.TestTls;
import io.storezero.it.support.Tokens;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.Poll;
import io.storezero.testsupport.TestPageBrowser;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.federatedcredentialmanagement.FederatedCredentialManagementDialog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FedCM on the real Keycloak: the realm {@code cookies-recover-it} (Keycloak over HTTPS on {@code https://localhost:...})
 * as the identity provider of {@code /realms/{realm}/fedcm/config.json}, an SPA page asking
 * {@code navigator.credentials.get({identity: ...})}, the account chosen through ChromeDriver's FedCM commands, and the
 * page receiving a token response whose access token the orders API would accept.
 *
 * <p>Clients of this test, created here and removed afterwards (the realm's own client is left alone):
 * {@value #FEDCM_CLIENT} (FedCM on; Web Origins the same-site page {@link TestPages#HTTPS_ORIGIN} and the cross-site
 * page {@link TestPages#FOREIGN_ORIGIN}), {@value #OFF_CLIENT} (the same, FedCM not switched on), {@value #ELSEWHERE_CLIENT}
 * (FedCM on, Web Origin only the cross-site page, so the same-site page is no Web Origin of it).
 *
 * <p>Same site, third-party cookies blocked or allowed, the sign-in completes. Cross site, Chromium first requires
 * {@code https://localhost/.well-known/web-identity} (port 443, the site's root), which no part of the suite can
 * serve: those cells pin that Chromium then refuses without asking Keycloak for accounts (docs/fedcm.md: a deployment
 * serves the file from its reverse proxy).
 */
@ExtendWith(StorezeroServer.class)
class FedCmIT {

    static final String REALM = "cookies-recover-it";
    static final String ISSUER = StorezeroServer.KEYCLOAK_HTTPS_URL + "/realms/" + REALM;
    static final String CONFIG_URL = ISSUER + "/fedcm/config.json";
    static final String FEDCM_CLIENT = "fedcm-spa";
    static final String OFF_CLIENT = "fedcm-off-spa";
    static final String ELSEWHERE_CLIENT = "fedcm-elsewhere-spa";
    private static final String SWITCH = "storezero.fedcm.enabled";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestPages sameSite;
    private static TestPages crossSite;
    /** Whether this class made the realm (then it removes it, so that the cookie tests make theirs with their settings). */
    private static boolean madeRealm;
    private Browser browser;

    @BeforeAll
    static void realmClientsAndPages() {
        KeycloakAdmin admin = KeycloakAdmin.local();
        if (!admin.realmExists(REALM)) {
            admin.createRealm(KeycloakAdmin.realmFile("/realms/cookies-recover-it.json"));
            madeRealm = true;
        }
        removeClients();
        createClient(FEDCM_CLIENT, List.of(TestPages.HTTPS_ORIGIN, TestPages.FOREIGN_ORIGIN), true);
        createClient(OFF_CLIENT, List.of(TestPages.HTTPS_ORIGIN, TestPages.FOREIGN_ORIGIN), false);
        createClient(ELSEWHERE_CLIENT, List.of(TestPages.FOREIGN_ORIGIN), true);
        sameSite = TestPages.startSecureApp();
        crossSite = TestPages.startForeign();
    }

    @AfterAll
    static void cleanUp() {
        for (TestPages pages : new TestPages[] {sameSite, crossSite}) {
            if (pages != null) {
                pages.close();
            }
        }
        if (madeRealm) {
            KeycloakAdmin.local().removeRealm(REALM);
        } else {
            removeClients();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The row of the matrix, same-site cells: a signed-in user gets tokens in the page without any redirect or frame. */
    @ParameterizedTest(name = "third-party cookies allowed: {0}")
    @ValueSource(booleans = {false, true})
    void aSignedInUserGetsTokensFromTheBrowserSameSite(boolean thirdPartyCookiesAllowed) throws IOException {
        browser = Browser.start(thirdPartyCookiesAllowed);
        browser.logInTopLevel(sameSite);
        String nonce = Authorize.random();

        browser.requestCredential(sameSite, FEDCM_CLIENT, nonce);
        FederatedCredentialManagementDialog chooser = browser.awaitChooser();
        assertThat(chooser.getAccounts()).extracting(account -> account.getEmail()).containsExactly("alice@example.org");
        chooser.selectAccount(0);
        Map<String, Object> result = browser.awaitResult();

        // Keys only in assertions: a failure message must never print a token.
        assertThat(result.keySet()).as("the page's result").containsExactly("token");
        JsonNode tokens = JSON.readTree((String) result.get("token"));
        assertThat(tokens.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(tokens.path("expires_in").asInt()).isPositive();
        assertThat(tokens.has("refresh_token")).as("no refresh token goes to the page").isFalse();
        JWTClaimsSet access = Tokens.verifyAccessToken(tokens.path("access_token").asText(), ISSUER, FEDCM_CLIENT);
        JWTClaimsSet id = Tokens.verifyIdToken(tokens.path("id_token").asText(), ISSUER, FEDCM_CLIENT, nonce);
        assertThat(id.getSubject()).isEqualTo(access.getSubject()).isEqualTo(userId());
        assertThat(tokens.path("scope").asText().split(" ")).contains("openid");
        assertThat(KeycloakAdmin.local().events(REALM, "LOGIN")).as("Keycloak's LOGIN event of the FedCM sign-in")
                .anyMatch(event -> FEDCM_CLIENT.equals(event.path("clientId").asText())
                        && "fedcm".equals(event.path("details").path("auth_method").asText()));
    }

    /**
     * Cross site Chromium asks for {@code https://localhost/.well-known/web-identity} first; with nothing on port 443
     * it refuses before any account request. Pinned so that a Chromium that stops asking, or a suite that can serve
     * the file, shows up here; a deployment serves the file (docs/fedcm.md).
     */
    @ParameterizedTest(name = "third-party cookies allowed: {0}")
    @ValueSource(booleans = {false, true})
    void crossSiteChromiumRequiresTheWellKnownFileAtTheSitesRoot(boolean thirdPartyCookiesAllowed) {
        browser = Browser.start(thirdPartyCookiesAllowed);
        browser.logInTopLevel(crossSite);

        browser.requestCredential(crossSite, FEDCM_CLIENT, Authorize.random());
        Map<String, Object> result = browser.awaitResultWithoutChooser();

        assertThat(result.keySet()).containsExactly("error");
        assertThat((String) result.get("error")).startsWith("NetworkError");
    }

    /**
     * Without a Keycloak session Chromium gets no account, opens no dialog and the page learns nothing but a failure;
     * after a top-level login (whose answer carries {@code Set-Login: logged-in}) FedCM works in the same browser. The
     * probe showed that after an empty accounts answer only Set-Login brings Chromium back to the IdP.
     */
    @Test
    void withoutASessionNothingIsOfferedAndSigningInBringsFedCmBack() {
        browser = Browser.start(false);
        browser.open(sameSite.url("/"));

        browser.requestCredential(sameSite, FEDCM_CLIENT, Authorize.random());
        Map<String, Object> noSession = browser.awaitResultWithoutChooser();
        assertThat(noSession.keySet()).containsExactly("error");
        assertThat((String) noSession.get("error")).startsWith("NetworkError");

        browser.logInTopLevel(sameSite);
        browser.requestCredential(sameSite, FEDCM_CLIENT, Authorize.random());
        browser.awaitChooser().selectAccount(0);
        assertThat(browser.awaitResult().keySet()).containsExactly("token");
    }

    /** FedCM is opt-in: a client whose switch is not on gets no token, even for its own Web Origin and a live session. */
    @Test
    void aClientWithoutTheSwitchGetsNoToken() {
        assertRefusedAfterTheChooser(OFF_CLIENT);
    }

    /** The page's origin must be a Web Origin of the client: a page elsewhere cannot use another client's name. */
    @Test
    void aPageThatIsNotAWebOriginOfTheClientGetsNoToken() {
        assertRefusedAfterTheChooser(ELSEWHERE_CLIENT);
    }

    /**
     * Only the browser's own FedCM fetch is answered: a POST with the user's session cookie, the right Origin, client
     * and account, but without {@code Sec-Fetch-Dest: webidentity} (what a cross-site form or any non-browser caller
     * sends) gets no token; the same request with the header does, so it is the header that made the difference.
     */
    @Test
    void theAssertionEndpointAnswersOnlyTheBrowsersFedCmFetch() throws IOException, InterruptedException {
        browser = Browser.start(false);
        browser.logInTopLevel(sameSite);
        String cookies = browser.cookiesFor(ISSUER + "/fedcm/assertion");
        Map<String, String> form = Map.of("client_id", FEDCM_CLIENT, "account_id", userId(), "nonce", "n-http");

        HttpResponse<String> withoutHeader = post(cookies, form, null);
        HttpResponse<String> withHeader = post(cookies, form, "webidentity");
        HttpResponse<String> accountsWithoutHeader = send(HttpRequest.newBuilder(URI.create(ISSUER + "/fedcm/accounts"))
                .header("Cookie", cookies).GET().build());

        assertThat(withoutHeader.statusCode()).isEqualTo(400);
        assertThat(withoutHeader.body().contains("token")).as("a token in the answer without the header").isFalse();
        assertThat(withoutHeader.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(accountsWithoutHeader.statusCode()).isEqualTo(400);
        assertThat(accountsWithoutHeader.body()).doesNotContain("alice");
        assertThat(withHeader.statusCode()).as("the control: the same request from the browser's FedCM fetch").isEqualTo(200);
        assertThat(JSON.readTree(withHeader.body()).has("token")).isTrue();
        assertThat(withHeader.headers().firstValue("Access-Control-Allow-Origin")).contains(TestPages.HTTPS_ORIGIN);
    }

    private void assertRefusedAfterTheChooser(String clientId) {
        browser = Browser.start(false);
        browser.logInTopLevel(sameSite);

        browser.requestCredential(sameSite, clientId, Authorize.random());
        // The accounts list comes from the session, so the chooser opens; the refusal is the assertion's.
        browser.awaitChooser().selectAccount(0);
        Map<String, Object> result = browser.awaitResult();

        assertThat(result.keySet()).as("the page's result").containsExactly("error");
    }

    private static HttpResponse<String> post(String cookies, Map<String, String> form, String fetchDest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ISSUER + "/fedcm/assertion"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", TestPages.HTTPS_ORIGIN)
                .header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString(Authorize.formEncode(form)));
        if (fetchDest != null) {
            request.header("Sec-Fetch-Dest", fetchDest);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder().sslContext(TestTls.get().sslContext()).build().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String userId() {
        return KeycloakAdmin.local().realm(REALM).users().searchByUsername("alice", true).get(0).getId();
    }

    private static void createClient(String clientId, List<String> webOrigins, boolean fedCm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setProtocol("openid-connect");
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(webOrigins.stream().map(origin -> origin + "/*").toList());
        client.setWebOrigins(webOrigins);
        client.setAttributes(fedCm ? Map.of(SWITCH, "true", "pkce.code.challenge.method", "S256")
                : Map.of("pkce.code.challenge.method", "S256"));
        try (Response created = clients().create(client)) {
            assertThat(created.getStatus()).as("creating client %s", clientId).isEqualTo(201);
        }
    }

    private static void removeClients() {
        for (String clientId : List.of(FEDCM_CLIENT, OFF_CLIENT, ELSEWHERE_CLIENT)) {
            clients().findByClientId(clientId).forEach(client -> clients().get(client.getId()).remove());
        }
    }

    private static ClientsResource clients() {
        return KeycloakAdmin.local().realm(REALM).clients();
    }

    /** Headless Chromium trusting the run's certificate, third-party cookies pinned, FedCM's random delays off. */
    private static final class Browser extends TestPageBrowser implements AutoCloseable {

        private final ChromeDriver driver;

        private Browser(ChromeDriver driver) {
            super(driver);
            this.driver = driver;
        }

        static Browser start(boolean thirdPartyCookiesAllowed) {
            ChromeOptions options = HeadlessChromium.thirdPartyCookies(HeadlessChromium.options(), thirdPartyCookiesAllowed);
            options.addArguments("--ignore-certificate-errors-spki-list=" + TestTls.get().spkiSha256());
            ChromeDriver driver = HeadlessChromium.start(options, TIMEOUT);
            // Chromium delays a refusal by a random time so that sites cannot probe; a test wants it at once.
            driver.setDelayEnabled(false);
            driver.resetCooldown();
            return new Browser(driver);
        }

        /** A full-page login at Keycloak, back to {@code pages}: first-party there, so the session cookie is set. */
        void logInTopLevel(TestPages pages) {
            open(Authorize.at(StorezeroServer.KEYCLOAK_HTTPS_URL, REALM).client(FEDCM_CLIENT, pages.url("/callback"))
                    .param("response_type", "code").param("scope", "openid").param("state", Authorize.random())
                    .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256").url());
            login("alice", "alice");
            await("the redirect back to the SPA", () -> driver.getCurrentUrl().startsWith(pages.url("/callback")) ? Boolean.TRUE : null);
        }

        /** What an SPA does: asks the browser for a credential from Keycloak; the outcome lands in {@code window.fedcm}. */
        void requestCredential(TestPages pages, String clientId, String nonce) {
            if (!driver.getCurrentUrl().startsWith(pages.origin())) {
                open(pages.url("/"));
            }
            script("window.fedcm = null;"
                    + "navigator.credentials.get({identity: {providers: [{configURL: arguments[0], clientId: arguments[1],"
                    + " nonce: arguments[2], params: {nonce: arguments[2]}}]}})"
                    + ".then(function (c) { window.fedcm = {token: c.token}; })"
                    + ".catch(function (e) { window.fedcm = {error: e.name + ': ' + e.message}; });", CONFIG_URL, clientId, nonce);
        }

        FederatedCredentialManagementDialog awaitChooser() {
            return Poll.until(TIMEOUT, "the FedCM account chooser", () -> {
                Object result = script("return window.fedcm");
                if (result != null) {
                    throw new AssertionError("navigator.credentials.get ended before any dialog: " + result);
                }
                FederatedCredentialManagementDialog dialog = openDialog();
                return dialog != null && FederatedCredentialManagementDialog.DIALOG_TYPE_ACCOUNT_LIST.equals(dialog.getDialogType()) ? dialog : null;
            });
        }

        /** The page's outcome; a dialog that opens meanwhile (Chromium's error dialog) is dismissed as a user would. */
        @SuppressWarnings("unchecked")
        Map<String, Object> awaitResult() {
            return Poll.until(TIMEOUT, "the page's FedCM result", () -> {
                Map<String, Object> result = (Map<String, Object>) script("return window.fedcm");
                if (result == null) {
                    FederatedCredentialManagementDialog dialog = openDialog();
                    if (dialog != null && !FederatedCredentialManagementDialog.DIALOG_TYPE_ACCOUNT_LIST.equals(dialog.getDialogType())) {
                        dialog.cancelDialog();
                    }
                }
                return result;
            });
        }

        /** The page's outcome, failing if any FedCM dialog opened before it. */
        @SuppressWarnings("unchecked")
        Map<String, Object> awaitResultWithoutChooser() {
            return Poll.until(TIMEOUT, "the page's FedCM result", () -> {
                FederatedCredentialManagementDialog dialog = openDialog();
                if (dialog != null) {
                    throw new AssertionError("a FedCM dialog opened: " + dialog.getDialogType());
                }
                return (Map<String, Object>) script("return window.fedcm");
            });
        }

        private FederatedCredentialManagementDialog openDialog() {
            FederatedCredentialManagementDialog dialog = driver.getFederatedCredentialManagementDialog();
            try {
                return dialog.getDialogType() == null ? null : dialog;
            } catch (RuntimeException noDialog) {
                // ChromeDriver answers "no such alert" while no FedCM dialog is open.
                return null;
            }
        }

        /** The Cookie header the browser would send to {@code url} (names and values stay in this process). */
        @SuppressWarnings("unchecked")
        String cookiesFor(String url) {
            Map<String, Object> answer = driver.executeCdpCommand("Network.getCookies", Map.of("urls", List.of(url)));
            return ((List<Map<String, Object>>) answer.get("cookies")).stream()
                    .map(cookie -> cookie.get("name") + "=" + cookie.get("value")).collect(Collectors.joining("; "));
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
