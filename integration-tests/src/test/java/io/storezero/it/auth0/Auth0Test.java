package io.storezero.it.auth0;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.it.support.BrowserTest;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Auth0 compatibility tests: realm {@code auth0-it} (client {@code spa}, user alice, identity provider
 * {@code facebook} brokering to realm {@code upstream-it}, user fbuser), reached over HTTPS because auth0-spa-js
 * only accepts an {@code https://} issuer. The SDK app is {@link TestPages#HTTPS_ORIGIN}{@code /sdk/}: the same site as
 * Keycloak, so that Keycloak's session cookie reaches the SDKs' hidden iframes (a cross-site iframe from
 * {@link TestPages#APP_ORIGIN} gets no third-party cookies in Chromium).
 */
abstract class Auth0Test extends BrowserTest {

    static final String AUTH0_REALM = "auth0-it";
    static final String HTTPS_ISSUER = StorezeroServer.KEYCLOAK_HTTPS_URL + "/realms/" + AUTH0_REALM;
    /** What an Auth0 app sets as its {@code domain}. */
    static final String DOMAIN = HTTPS_ISSUER + "/auth0";
    static final String UPSTREAM_REALM = "upstream-it";
    static final String UPSTREAM_LOGIN = KEYCLOAK + "/realms/" + UPSTREAM_REALM + "/protocol/openid-connect/auth";

    /** The app origin on the same site as Keycloak: {@link TestPages#HTTPS_ORIGIN}. */
    static TestPages secureApp;

    @BeforeAll
    static void auth0Realms() {
        KeycloakAdmin admin = KeycloakAdmin.local();
        admin.ensureRealm("/realms/upstream-it.json");
        admin.ensureRealm("/realms/auth0-it.json");
        secureApp = TestPages.startSecureApp();
    }

    @AfterAll
    static void stopSecureApp() {
        if (secureApp != null) {
            secureApp.close();
        }
    }

    static String sdkApp(String path) {
        return secureApp.url("/sdk" + path);
    }

    /** Opens the SDK app page as a first visit: a fresh document, and no token cache left in localStorage by another test. */
    static void openSdkApp(String path) {
        browser.open(sdkApp(path));
        openSdkAppKeepingUrl();
        browser.script("localStorage.clear();");
    }

    /** auth0-spa-js with the two settings an Auth0 app changes: domain and issuer. */
    static void initSpa() {
        initSpa(Map.of());
    }

    static void initSpa(Map<String, Object> extra) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("domain", DOMAIN);
        options.put("issuer", HTTPS_ISSUER);
        options.put("clientId", "spa");
        // audience: sent by most Auth0 apps; Keycloak keeps it as an unknown parameter and ignores it.
        options.put("authorizationParams", Map.of("redirect_uri", sdkApp("/callback"), "audience", "https://api.storezero.test"));
        options.putAll(extra);
        browser.script("spa(arguments[0]);", options);
    }

    /** auth0.js with domain, and the issuer and JWKS overrides. */
    static void initWebAuth() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("domain", DOMAIN);
        options.put("clientID", "spa");
        options.put("redirectUri", sdkApp("/callback"));
        options.put("responseType", "token id_token");
        options.put("scope", "openid profile email");
        options.put("overrides", Map.of("__token_issuer", HTTPS_ISSUER, "__jwks_uri", DOMAIN + "/.well-known/jwks.json"));
        browser.script("webAuth(arguments[0]);", options);
    }

    /** Runs {@code expression} (a promise, or a value) in the app page and waits for its outcome. */
    static Map<String, Object> call(String name, String expression) {
        browser.script("run(arguments[0], function () { return " + expression + "; });", name);
        return result(name);
    }

    /** Starts {@code expression} without waiting (it navigates away, or waits for a popup). */
    static void start(String name, String expression) {
        browser.script("run(arguments[0], function () { return " + expression + "; });", name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(String name) {
        return Chromium.await("the outcome of " + name, () -> (Map<String, Object>) browser.script("return window.results[arguments[0]] || null;", name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> value(Map<String, Object> result) {
        if (!Boolean.TRUE.equals(result.get("ok"))) {
            throw new AssertionError("SDK call failed: " + result);
        }
        return (Map<String, Object>) result.get("value");
    }

    static void awaitUrl(String prefix) {
        Chromium.await("the browser at " + prefix, () -> browser.driver().getCurrentUrl().startsWith(prefix) ? Boolean.TRUE : null);
    }

    /** Logs in on Keycloak's own form at the top level through auth0-spa-js, and comes back with its tokens. */
    static void loginWithRedirect(String username) {
        loginWithRedirect(username, Map.of());
    }

    static void loginWithRedirect(String username, Map<String, Object> extraOptions) {
        openSdkApp("/");
        initSpa(extraOptions);
        start("login", "spaClient.loginWithRedirect()");
        browser.login(username, username);
        awaitUrl(sdkApp("/callback"));
        openSdkAppKeepingUrl();
        initSpa(extraOptions);
        value(call("callback", "spaClient.handleRedirectCallback()"));
    }

    /** The page is already the SDK app (after a redirect back); wait until its scripts are ready. */
    static void openSdkAppKeepingUrl() {
        Chromium.await("the SDK app", () -> Boolean.TRUE.equals(browser.script("return typeof window.run === 'function' && !!window.Auth0Spa && !!window.auth0;")) ? Boolean.TRUE : null);
    }
}
