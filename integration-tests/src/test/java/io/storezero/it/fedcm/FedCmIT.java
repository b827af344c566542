package io.storezero.it.fedcm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientInitialAccessCreatePresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.federatedcredentialmanagement.FederatedCredentialManagementDialog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FedCM on the real Keycloak: the realm {@code cookies-recover-it} (Keycloak over HTTPS on {@code https://localhost:...})
 * as the identity provider of {@code /realms/{realm}/fedcm/config.json}, an SPA page asking
 * {@code navigator.credentials.get({identity: ...})} with a PKCE challenge and its redirect URI in {@code params}, the
 * account chosen through ChromeDriver's FedCM commands, and the page redeeming the authorization code it receives at
 * Keycloak's token endpoint. The HTTP tests send the browser's FedCM fetch by hand, with the cookies of a real login, to
 * hold the assertion to what Keycloak answers a {@code prompt=none} request of the same client and session.
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
    /** The same-site page's redirect URI: registered for the test clients, and of the page's own origin. */
    private static final String REDIRECT_URI = TestPages.HTTPS_ORIGIN + "/callback";
    /** The nonces of the HTTP tests' FedCM assertions and of their prompt=none comparisons. */
    private static final String HTTP_NONCE = "n-http";
    private static final String SILENT_NONCE = "n-silent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestPages sameSite;
    private static TestPages crossSite;
    /** Whether this class made the realm (then it removes it, so that the cookie tests make theirs with their settings). */
    private static boolean madeRealm;
    /** Alice's cookies after one top-level login, for the HTTP tests. */
    private static String sessionCookies;
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

    /**
     * The row of the matrix, same-site cells: a signed-in user picks the account, the page receives an authorization
     * code and redeems it at Keycloak's token endpoint with its verifier; no redirect, no frame.
     */
    @ParameterizedTest(name = "third-party cookies allowed: {0}")
    @ValueSource(booleans = {false, true})
    void aSignedInUserGetsACodeThePageRedeemsSameSite(boolean thirdPartyCookiesAllowed) throws IOException {
        browser = Browser.start(thirdPartyCookiesAllowed);
        browser.logInTopLevel(sameSite);
        String nonce = Authorize.random();

        browser.requestCredential(sameSite, FEDCM_CLIENT, nonce);
        FederatedCredentialManagementDialog chooser = browser.awaitChooser();
        assertThat(chooser.getAccounts()).extracting(account -> account.getEmail()).containsExactly("alice@example.org");
        chooser.selectAccount(0);
        Map<String, Object> result = browser.awaitResult();

        // Keys only in assertions: a failure message must never print a token.
        assertThat(result.keySet()).as("the page's result").containsExactly("tokens");
        JsonNode tokens = JSON.readTree((String) result.get("tokens"));
        assertThat(tokens.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        JWTClaimsSet access = Tokens.verifyAccessToken(tokens.path("access_token").asText(), ISSUER, FEDCM_CLIENT);
        JWTClaimsSet id = Tokens.verifyIdToken(tokens.path("id_token").asText(), ISSUER, FEDCM_CLIENT, nonce);
        assertThat(id.getSubject()).isEqualTo(access.getSubject()).isEqualTo(userId());
        assertThat(tokens.path("scope").asText().split(" ")).contains("openid");
        assertThat(KeycloakAdmin.local().events(REALM, "LOGIN")).as("Keycloak's LOGIN event of the FedCM sign-in")
                .anyMatch(event -> FEDCM_CLIENT.equals(event.path("clientId").asText())
                        && "true".equals(event.path("details").path("fedcm").asText()));
        assertThat(KeycloakAdmin.local().events(REALM, "CODE_TO_TOKEN")).as("the code was redeemed at Keycloak's token endpoint")
                .anyMatch(event -> FEDCM_CLIENT.equals(event.path("clientId").asText()));
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
        assertThat(browser.awaitResult().keySet()).containsExactly("tokens");
    }

    /** FedCM is opt-in: a client whose switch is not on gets no code, even for its own Web Origin and a live session. */
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
     * sends) gets no code; the same request with the header does, so it is the header that made the difference.
     */
    @Test
    void theAssertionEndpointAnswersOnlyTheBrowsersFedCmFetch() throws IOException {
        String cookies = signedInCookies();
        Authorize.Pkce pkce = Authorize.Pkce.create();

        HttpResponse<String> withoutHeader = assertion(cookies, FEDCM_CLIENT, pkce, null);
        HttpResponse<String> withHeader = assertion(cookies, FEDCM_CLIENT, pkce, "webidentity");
        HttpResponse<String> accountsWithoutHeader = send(HttpRequest.newBuilder(URI.create(ISSUER + "/fedcm/accounts"))
                .header("Cookie", cookies).GET().build());

        assertThat(withoutHeader.statusCode()).isEqualTo(400);
        assertThat(withoutHeader.body().contains("token")).as("a token in the answer without the header").isFalse();
        assertThat(withoutHeader.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(accountsWithoutHeader.statusCode()).isEqualTo(400);
        assertThat(accountsWithoutHeader.body()).doesNotContain("alice");
        assertThat(withHeader.statusCode()).as("the control: the same request from the browser's FedCM fetch").isEqualTo(200);
        assertThat(withHeader.headers().firstValue("Access-Control-Allow-Origin")).contains(TestPages.HTTPS_ORIGIN);
        JsonNode authorization = JSON.readTree(JSON.readTree(withHeader.body()).path("token").asText());
        assertThat(authorization.path("iss").asText()).isEqualTo(ISSUER);
        HttpResponse<String> redeemed = redeem(FEDCM_CLIENT, authorization.path("code").asText(), pkce.verifier());
        assertThat(redeemed.statusCode()).as("the code at Keycloak's token endpoint").isEqualTo(200);
        assertThat(redeem(FEDCM_CLIENT, authorization.path("code").asText(), pkce.verifier()).statusCode())
                .as("a code is used once").isEqualTo(400);
    }

    /** The code is bound to the page's challenge: without the page's verifier it is worth nothing. */
    @Test
    void theCodeIsWorthNothingWithoutThePagesVerifier() throws IOException {
        HttpResponse<String> answer = assertion(signedInCookies(), FEDCM_CLIENT, Authorize.Pkce.create(), "webidentity");
        String code = JSON.readTree(JSON.readTree(answer.body()).path("token").asText()).path("code").asText();

        HttpResponse<String> redeemed = redeem(FEDCM_CLIENT, code, Authorize.Pkce.create().verifier());

        assertThat(redeemed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(redeemed.body()).path("error").asText()).isEqualTo("invalid_grant");
    }

    /**
     * Keycloak's own checks of a silent authentication hold for FedCM: each setting that makes a {@code prompt=none}
     * request of the client fail makes the assertion fail with the same error, and no code is issued. Before the
     * assertion went through Keycloak's authorization endpoint, each of these returned tokens.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"consent required", "standard flow off", "required action pending", "client disabled"})
    void aFedCmSignInIsNeverMorePermissiveThanASilentAuthentication(String setting) throws IOException {
        String cookies = signedInCookies();
        Runnable restore = apply(setting);
        try {
            HttpResponse<String> answer = assertion(cookies, FEDCM_CLIENT, Authorize.Pkce.create(), "webidentity");

            // A boolean, so that a failure never prints what the answer carried.
            assertThat(answer.body().contains("\"token\"")).as("a code or token in the answer").isFalse();
            assertThat(answer.statusCode()).isBetween(400, 499);
            String refusal = JSON.readTree(answer.body()).path("error").path("code").asText();
            if (setting.equals("client disabled")) {
                // Keycloak shows a disabled client an error page, not a redirect; FedCM refuses before asking it.
                assertThat(refusal).isEqualTo("unauthorized_client");
            } else {
                String silent = silentAuthenticationError(cookies, FEDCM_CLIENT);
                assertThat(silent).as("what prompt=none answers with this setting").isNotEqualTo("none");
                assertThat(refusal).as("the assertion's error, next to prompt=none's").isEqualTo(silent);
            }
        } finally {
            restore.run();
        }
        assertThat(assertion(cookies, FEDCM_CLIENT, Authorize.Pkce.create(), "webidentity").statusCode())
                .as("the control: with the setting undone the same session gets a code").isEqualTo(200);
    }

    /** The acr of a FedCM sign-in is what Keycloak's own silent authentication gives for the same session. */
    @Test
    void theAcrIsThatOfASilentAuthentication() throws IOException {
        String cookies = signedInCookies();
        Authorize.Pkce fedCmPkce = Authorize.Pkce.create();
        String code = JSON.readTree(JSON.readTree(assertion(cookies, FEDCM_CLIENT, fedCmPkce, "webidentity").body()).path("token").asText())
                .path("code").asText();
        String fedCmIdToken = JSON.readTree(redeem(FEDCM_CLIENT, code, fedCmPkce.verifier()).body()).path("id_token").asText();
        Authorize.Pkce silentPkce = Authorize.Pkce.create();
        String silentIdToken = JSON.readTree(redeem(FEDCM_CLIENT, silentAuthenticationCode(cookies, FEDCM_CLIENT, silentPkce),
                silentPkce.verifier()).body()).path("id_token").asText();

        Object fedCmAcr = Tokens.verifyIdToken(fedCmIdToken, ISSUER, FEDCM_CLIENT, HTTP_NONCE).getClaim("acr");
        Object silentAcr = Tokens.verifyIdToken(silentIdToken, ISSUER, FEDCM_CLIENT, SILENT_NONCE).getClaim("acr");
        assertThat(fedCmAcr).as("FedCM's acr next to prompt=none's").isEqualTo(silentAcr).isEqualTo("0");
    }

    /**
     * Dynamic client registration cannot switch FedCM on: a client registered with the switch set gets nothing (the
     * realm has no FedCM because of it either), until an administrator allows registered clients for the realm.
     */
    @Test
    void aClientRegisteredDynamicallyCannotSwitchFedCmOn() throws IOException {
        String cookies = signedInCookies();
        String registered = registerDynamically();
        try {
            HttpResponse<String> refused = assertion(cookies, registered, Authorize.Pkce.create(), "webidentity");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("unauthorized_client");

            setRealmAttribute("storezero.fedcm.dynamic-clients", "true");
            assertThat(assertion(cookies, registered, Authorize.Pkce.create(), "webidentity").statusCode())
                    .as("the control: once the realm allows registered clients").isEqualTo(200);
        } finally {
            setRealmAttribute("storezero.fedcm.dynamic-clients", null);
            clients().findByClientId(registered).forEach(client -> clients().get(client.getId()).remove());
        }
    }

    /**
     * A realm where no enabled client has FedCM on is no FedCM identity provider: the master realm and the demo's
     * storezero realm answer 404 on every path, while this test's realm (which has one) answers.
     */
    @Test
    void onlyARealmWithAFedCmClientAnswers() {
        for (String realm : List.of("master", "storezero")) {
            String base = StorezeroServer.KEYCLOAK_HTTPS_URL + "/realms/" + realm + "/fedcm/";
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "config.json")).GET().build()).statusCode()).as(realm).isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "accounts")).header("Sec-Fetch-Dest", "webidentity").GET().build())
                    .statusCode()).as(realm).isEqualTo(404);
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(CONFIG_URL)).GET().build()).statusCode()).as("the control").isEqualTo(200);
    }

    /**
     * Any site may make the browser fetch the accounts list; that fetch must not keep the session alive. The session's
     * last access stays where it was after the fetch, and moves after a silent authentication (the control).
     */
    @Test
    void fetchingTheAccountsListDoesNotExtendTheSession() throws InterruptedException {
        String cookies = signedInCookies();
        int before = lastAccess();
        // Session times are in whole seconds: let one pass so that a refresh would show.
        Thread.sleep(1_100);

        HttpResponse<String> accounts = send(HttpRequest.newBuilder(URI.create(ISSUER + "/fedcm/accounts"))
                .header("Cookie", cookies).header("Sec-Fetch-Dest", "webidentity").GET().build());
        assertThat(accounts.body()).as("the list names the signed-in account").contains("alice@example.org");
        assertThat(lastAccess()).as("the session's last access after the accounts fetch").isEqualTo(before);

        silentAuthenticationError(cookies, FEDCM_CLIENT);
        assertThat(lastAccess()).as("the control: a silent authentication refreshes it").isGreaterThan(before);
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

    /** The browser's FedCM assertion fetch by hand, as Chromium sends it from the same-site page. */
    private static HttpResponse<String> assertion(String cookies, String clientId, Authorize.Pkce pkce, String fetchDest) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("account_id", userId());
        form.put("params", "{\"nonce\":\"" + HTTP_NONCE + "\",\"code_challenge\":\"" + pkce.challenge()
                + "\",\"code_challenge_method\":\"S256\",\"redirect_uri\":\"" + REDIRECT_URI + "\"}");
        form.put("disclosure_text_shown", "false");
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

    private static HttpResponse<String> redeem(String clientId, String code, String verifier) {
        return send(HttpRequest.newBuilder(URI.create(ISSUER + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Authorize.formEncode(Map.of("grant_type", "authorization_code",
                        "client_id", clientId, "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier))))
                .build());
    }

    /** Keycloak's own answer to a {@code prompt=none} code request of the client on these cookies: the redirect's query. */
    private static Map<String, String> silentAuthentication(String cookies, String clientId, Authorize.Pkce pkce) {
        String state = Authorize.random();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(Authorize.at(StorezeroServer.KEYCLOAK_HTTPS_URL, REALM)
                .client(clientId, REDIRECT_URI).param("response_type", "code").param("response_mode", "query").param("prompt", "none")
                .param("scope", "openid").param("state", state).param("nonce", SILENT_NONCE).param("code_challenge", pkce.challenge())
                .param("code_challenge_method", "S256").url())).header("Cookie", cookies).GET().build());
        String location = answer.headers().firstValue("Location").orElse("");
        Map<String, String> params = new LinkedHashMap<>();
        if (location.startsWith(REDIRECT_URI + "?")) {
            for (String pair : location.substring(REDIRECT_URI.length() + 1).split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        assertThat(params.get("state")).as("Keycloak's redirect for the silent request (status %s)", answer.statusCode()).isEqualTo(state);
        return params;
    }

    /** The error of Keycloak's own {@code prompt=none} answer, or {@code none} when it issued a code. */
    private static String silentAuthenticationError(String cookies, String clientId) {
        return silentAuthentication(cookies, clientId, Authorize.Pkce.create()).getOrDefault("error", "none");
    }

    private static String silentAuthenticationCode(String cookies, String clientId, Authorize.Pkce pkce) {
        Map<String, String> params = silentAuthentication(cookies, clientId, pkce);
        assertThat(params).containsKey("code");
        return params.get("code");
    }

    /** The Cookie header of alice's browser after a top-level login (made once for the HTTP tests of this class). */
    private static synchronized String signedInCookies() {
        if (sessionCookies == null) {
            try (Browser login = Browser.start(false)) {
                login.logInTopLevel(sameSite);
                sessionCookies = login.cookiesFor(ISSUER + "/fedcm/assertion");
            }
        }
        return sessionCookies;
    }

    /** Applies one setting that a silent authentication of {@value #FEDCM_CLIENT} must refuse; returns its undo. */
    private static Runnable apply(String setting) {
        ClientResource client = clients().get(clients().findByClientId(FEDCM_CLIENT).get(0).getId());
        ClientRepresentation original = client.toRepresentation();
        UserResource alice = KeycloakAdmin.local().realm(REALM).users().get(userId());
        ClientRepresentation changed = client.toRepresentation();
        switch (setting) {
            case "consent required" -> changed.setConsentRequired(true);
            case "standard flow off" -> {
                changed.setStandardFlowEnabled(false);
                changed.setImplicitFlowEnabled(false);
            }
            case "client disabled" -> changed.setEnabled(false);
            case "required action pending" -> {
                UserRepresentation user = alice.toRepresentation();
                user.setRequiredActions(List.of("UPDATE_PROFILE"));
                alice.update(user);
                return () -> {
                    UserRepresentation undone = alice.toRepresentation();
                    undone.setRequiredActions(List.of());
                    alice.update(undone);
                };
            }
            default -> throw new IllegalArgumentException(setting);
        }
        client.update(changed);
        return () -> client.update(original);
    }

    /** A client registered through dynamic client registration (an initial access token), FedCM's switch in its attributes. */
    private static String registerDynamically() throws IOException {
        String initialToken = KeycloakAdmin.local().realm(REALM).clientInitialAccess()
                .create(new ClientInitialAccessCreatePresentation(60, 1)).getToken();
        String clientId = "fedcm-registered-" + Authorize.random().substring(0, 8);
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("redirectUris", List.of(TestPages.HTTPS_ORIGIN + "/*"));
        client.put("webOrigins", List.of(TestPages.HTTPS_ORIGIN));
        client.put("attributes", Map.of(SWITCH, "true", "pkce.code.challenge.method", "S256"));
        // The initial access token names the issuer of the URL the admin client used (plain HTTP): register there.
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(StorezeroServer.KEYCLOAK_URL + "/realms/" + REALM
                + "/clients-registrations/default"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + initialToken)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build());
        assertThat(created.statusCode()).as("dynamic registration: %s", created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("attributes").path(SWITCH).asText())
                .as("registration accepted the switch (it is the FedCM endpoints that ignore it)").isEqualTo("true");
        return clientId;
    }

    private static void setRealmAttribute(String name, String value) {
        RealmResource realm = KeycloakAdmin.local().realm(REALM);
        RealmRepresentation representation = realm.toRepresentation();
        Map<String, String> attributes = new HashMap<>(Optional.ofNullable(representation.getAttributes()).orElse(Map.of()));
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
        representation.setAttributes(attributes);
        realm.update(representation);
    }

    /** The last access (seconds) of alice's one session in the realm. */
    private static int lastAccess() {
        List<UserSessionRepresentation> sessions = KeycloakAdmin.local().realm(REALM).users().get(userId()).getUserSessions();
        assertThat(sessions).as("alice's sessions").isNotEmpty();
        return sessions.stream().mapToInt(session -> (int) (session.getLastAccess() / 1000)).max().orElseThrow();
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

        /**
         * What an SPA does: asks the browser for a credential from Keycloak with a PKCE challenge and its redirect URI,
         * then redeems the code at Keycloak's token endpoint; the outcome lands in {@code window.fedcm}.
         */
        void requestCredential(TestPages pages, String clientId, String nonce) {
            if (!driver.getCurrentUrl().startsWith(pages.origin())) {
                open(pages.url("/"));
            }
            Authorize.Pkce pkce = Authorize.Pkce.create();
            String redirectUri = pages.url("/callback");
            script("window.fedcm = null;"
                    + "var clientId = arguments[1], verifier = arguments[3], redirectUri = arguments[4], tokenUrl = arguments[5];"
                    + "navigator.credentials.get({identity: {providers: [{configURL: arguments[0], clientId: clientId,"
                    + " params: {nonce: arguments[2], code_challenge: arguments[6], code_challenge_method: 'S256', redirect_uri: redirectUri}}]}})"
                    + ".then(function (c) {"
                    + "  var answer = JSON.parse(c.token);"
                    + "  return fetch(tokenUrl, {method: 'POST', body: new URLSearchParams({grant_type: 'authorization_code',"
                    + "    client_id: clientId, code: answer.code, redirect_uri: redirectUri, code_verifier: verifier})})"
                    + "  .then(function (r) { return r.text().then(function (t) { window.fedcm = r.ok ? {tokens: t} : {error: 'token ' + r.status}; }); });"
                    + "})"
                    + ".catch(function (e) { window.fedcm = {error: e.name + ': ' + e.message}; });", CONFIG_URL, clientId, nonce,
                    pkce.verifier(), redirectUri, ISSUER + "/protocol/openid-connect/token", pkce.challenge());
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
