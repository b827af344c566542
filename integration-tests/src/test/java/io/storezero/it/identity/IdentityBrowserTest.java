package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.storezero.testsupport.Authorize;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.WebElement;

/**
 * The exported realms exactly as the runner imports them: {@code storezero} (the SPA's realm, client
 * {@code storezero-spa} at the app's URL) brokering to the simulated {@code facebook} realm. Per class:
 * Chromium. The SPA's origin is the real Storezero.io app that the runner serves ({@link StorezeroServer#APP_URL}); tests act
 * from a document of that origin that runs nothing of its own (the app's health endpoint) with the test-page
 * helpers installed, so the app's own silent authentication never mixes with theirs. Every test starts with no
 * cookies.
 * Tests that need a first brokered login create their own Facebook user, so they neither depend on each other nor
 * on the order they run in.
 */
@ExtendWith(StorezeroServer.class)
abstract class IdentityBrowserTest {

    static final String KEYCLOAK = StorezeroServer.KEYCLOAK_URL;
    static final String STOREZERO = "storezero";
    static final String FACEBOOK = "facebook";
    static final String ISSUER = KEYCLOAK + "/realms/" + STOREZERO;
    static final String SPA = "storezero-spa";
    static final String UPSTREAM_CLAIM = "upstream_user_id";
    static final String UPSTREAM_ATTRIBUTE = "upstream_user_id";

    static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    static final SpaOrigin spa = new SpaOrigin(StorezeroServer.APP_URL);
    static Chromium browser;

    /** The origin of the storezero-spa client's redirect URIs and Web Origin. */
    record SpaOrigin(String origin) {
        String url(String path) {
            return origin + path;
        }
    }

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A quiet document on the SPA's origin, made a test page. */
    static void openSpaOrigin() {
        browser.open(spa.url("/api/health"));
        browser.installTestHelpers();
    }

    @BeforeEach
    void noSessions() {
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** A Facebook user of the simulation: the upstream identity of one test. */
    record FacebookUser(String id, String username, String password, String email) {
        String upstreamUserId() {
            return "facebook|" + id;
        }
    }

    static FacebookUser newFacebookUser() {
        String username = "fb-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10);
        String email = username + "@example.org";
        UserRepresentation created = user(username, email, "Test");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        created.setCredentials(List.of(password));
        String id = KeycloakAdmin.createdId(ADMIN.realm(FACEBOOK).users().create(created));
        return new FacebookUser(id, username, username, email);
    }

    static FacebookUser alice() {
        List<UserRepresentation> found = ADMIN.realm(FACEBOOK).users().searchByUsername("alice", true);
        assertThat(found).as("the simulated Facebook's demo user").hasSize(1);
        return new FacebookUser(found.get(0).getId(), "alice", "alice", "alice@example.org");
    }

    /** Creates a storezero user as an administrator (or an Auth0 import) would, optionally with an upstream user id. */
    static String newStorezeroUser(String email, String upstreamUserId) {
        String username = "sz-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10);
        UserRepresentation user = user(username, email, "Migrated");
        user.setAttributes(upstreamUserId == null ? Map.of() : Map.of(UPSTREAM_ATTRIBUTE, List.of(upstreamUserId)));
        return KeycloakAdmin.createdId(ADMIN.realm(STOREZERO).users().create(user));
    }

    private static UserRepresentation user(String username, String email, String firstName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(firstName);
        user.setLastName("Shopper");
        return user;
    }

    /** The storezero users linked to this Facebook identity, as the admin API's JSON. */
    static List<JsonNode> storezeroUsersLinkedTo(FacebookUser user) {
        List<JsonNode> users = new ArrayList<>();
        ADMIN.realm(STOREZERO).users().search(null, null, null, null, null, FACEBOOK, user.id(), null, null, null, null, null, null)
                .forEach(found -> users.add(KeycloakAdmin.tree(found)));
        return users;
    }

    static List<String> attribute(String realm, String userId, String attribute) {
        Map<String, List<String>> attributes = ADMIN.realm(realm).users().get(userId).toRepresentation().getAttributes();
        return attributes == null ? List.of() : attributes.getOrDefault(attribute, List.of());
    }

    static List<JsonNode> federatedIdentities(String userId) {
        List<JsonNode> links = new ArrayList<>();
        ADMIN.realm(STOREZERO).users().get(userId).getFederatedIdentity().forEach(link -> links.add(KeycloakAdmin.tree(link)));
        return links;
    }

    /** The SPA's full-page login: code + PKCE, redirect back to the app's root (the realm registers that exact URI). */
    static Login startLogin(String... extraParams) {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        String nonce = Authorize.random();
        Authorize request = Authorize.at(KEYCLOAK, STOREZERO).client(SPA, spa.url("/"))
                .param("response_type", "code").param("scope", "openid profile email").param("state", Authorize.random())
                .param("nonce", nonce).param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256");
        for (int i = 0; i + 1 < extraParams.length; i += 2) {
            request.param(extraParams[i], extraParams[i + 1]);
        }
        browser.open(request.url());
        return new Login(pkce, nonce);
    }

    /** The sign-in page of storezero: its "Continue with Facebook" button, once the page shows it. */
    static WebElement facebookButton() {
        return Chromium.await("the storezero sign-in page", () -> browser.first(By.id("social-facebook")));
    }

    /** Storezero page → "Continue with Facebook" → the simulated Facebook's login form, submitted. */
    static Login logInWithFacebook(FacebookUser user) {
        Login login = startLogin();
        browser.continueWithFacebook(KEYCLOAK + "/realms/facebook", user.username(), user.password());
        return login;
    }

    /** Waits for the redirect back to the SPA and answers the authorization code. */
    static String awaitCode() {
        String url = Chromium.await("the redirect back to the SPA with a code", () -> {
            String current = browser.driver().getCurrentUrl();
            return current.startsWith(spa.url("/?")) && current.contains("code=") || current.contains("error=") ? current : null;
        });
        assertThat(url).contains("code=").doesNotContain("error=");
        String code = url.replaceFirst(".*[?&]code=([^&#]+).*", "$1");
        return URLDecoder.decode(code, StandardCharsets.UTF_8);
    }

    /** The token request an SPA makes from its own origin (CORS, PKCE verifier). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> exchange(String code, String redirectUri, String verifier) {
        browser.installTestHelpers();
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                ISSUER + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", SPA, "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier));
        Map<String, Object> result = Chromium.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        assertThat(result.get("status")).as("token response %s", result.get("body")).isEqualTo(200L);
        return (Map<String, Object>) result.get("body");
    }

    /** What one interactive login needs to finish: the PKCE verifier and the nonce it sent. */
    record Login(Authorize.Pkce pkce, String nonce) {
        Map<String, Object> tokens() {
            return exchange(awaitCode(), spa.url("/"), pkce.verifier());
        }
    }

    static int sessionCount(String realm, String userId) {
        return ADMIN.realm(realm).users().get(userId).getUserSessions().size();
    }

    /** Stored events of a realm that concern one user (any type). */
    static List<String> eventTypesOf(String realm, String userId) {
        List<String> types = new ArrayList<>();
        ADMIN.realm(realm).getEvents(null, null, userId, null, null, null, 0, 1000).forEach(e -> types.add(e.getType()));
        return types;
    }
}
