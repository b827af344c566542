package io.storezero.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.storezero.testsupport.Authorize;
import io.storezero.it.support.BrowserTest;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriverException;

/**
 * Hostile payloads in {@code state}, {@code error_description}, {@code connection}, {@code returnTo},
 * {@code ui_locales} and {@code login_hint}, loaded in Chromium on every page the bundle or its theme serves: the
 * web_message page, the storezero theme's login and error pages (dev realm {@code storezero}), Keycloak's pages in the
 * test realms reached through the bundle's endpoints, {@code /auth0/v2/logout}, the broker callback's error page, the
 * Storage Access frame and its error page, and FedCM's {@code config.json}, {@code accounts} and {@code assertion} (the
 * last as a form a page on the foreign origin posts, with the payload in every field).
 * After each load: no element a payload injected, no script marker, no alert, no canary request to the foreign origin.
 * A payload shown on the page must be shown as text.
 *
 * <p>Payload {@code i} goes to slot {@code i mod slots}; with a template count coprime to the slot count, every
 * template reaches most slots. Findings name the slot (page and parameter) and the payload index.
 */
class BrowserInjectionIT extends BrowserTest {

    private static final int PAYLOADS = 324;
    private static final String SZ = "storezero";
    private static final String SZ_APP = StorezeroServer.APP_URL + "/";
    private static final String A0 = "auth0-it";

    /**
     * Scans the document for anything a payload left: elements with a marker attribute or tag, event handlers or
     * URLs that carry the marker, and the script marker and title. Also answers the visible text, to tell text from markup.
     */
    private static final String PROBE = """
            var injected = [];
            document.querySelectorAll('*').forEach(function (e) {
              var tag = e.tagName.toLowerCase();
              var hit = tag.indexOf('szpwn') >= 0;
              for (var i = 0; i < e.attributes.length; i++) {
                var a = e.attributes[i], v = a.value || '';
                if (a.name.indexOf('szpwn') >= 0) hit = true;
                if (a.name.indexOf('on') === 0 && v.indexOf('szpwn') >= 0) hit = true;
                if (/^(href|src|action|formaction|data|srcdoc|content)$/.test(a.name)
                    && /^\\s*(javascript:|jav\\s|http:\\/\\/127\\.0\\.0\\.1:FOREIGN_PORT\\/szpwn|0;url=)/i.test(v) && v.indexOf('szpwn') >= 0) hit = true;
              }
              if (hit) injected.push(e.outerHTML.substring(0, 160));
            });
            return {
              injected: injected,
              marker: document.documentElement.dataset.szpwned || null,
              title: document.title,
              url: location.href,
              text: document.body ? document.body.innerText : ''
            };""".replace("FOREIGN_PORT", String.valueOf(TestPages.FOREIGN_PORT));

    /**
     * A page and the parameter the payload goes in; {@code reached} is a script that answers true on that page, checked
     * with a harmless value first, so that a slot which never reaches its page fails instead of testing nothing.
     */
    record Slot(String page, String param, Function<String, String> url, String reached, Consumer<String> load) {

        Slot(String page, String param, Function<String, String> url, String reached) {
            this(page, param, url, reached, null);
        }

        /** Loads the page with {@code value}: the URL in the browser, or the slot's own way there (a form post). */
        void open(String value) {
            if (load == null) {
                browser.open(url.apply(value));
            } else {
                load.accept(value);
            }
        }
    }

    private static final String CONTROL = "szpwn-control";
    private static final String SHOWS_CONTROL = "return document.body.innerText.indexOf('" + "szpwn-control" + "') >= 0;";
    /** The unknown-connection page shows a fixed text: the requested name never reaches it (issue 8, item 4). */
    private static final String SHOWS_UNKNOWN_CONNECTION = "return document.body.innerText.indexOf('not offered here') >= 0;";
    private static final String ON_KEYCLOAK = "return location.origin === '" + StorezeroServer.KEYCLOAK_URL + "' && document.body.innerText.length > 0;";

    @BeforeAll
    static void realms() {
        KeycloakAdmin admin = KeycloakAdmin.local();
        admin.ensureRealm("/realms/upstream-it.json");
        admin.ensureRealm("/realms/auth0-it.json");
        FedCmAndFrameFuzz.switchOn(admin);
    }

    @AfterAll
    static void restoreClients() {
        FedCmAndFrameFuzz.restore(KeycloakAdmin.local());
    }

    @Test
    void noHostilePayloadRunsScriptOrRendersMarkupOnAnyPageOfTheBundle() {
        List<Slot> slots = slots();
        List<HostilePayloads.Payload> payloads = HostilePayloads.generate(PAYLOADS, foreign.origin());
        SecurityReport report = new SecurityReport("browser-injection", null, "cases", "pagesLoaded", "scriptsExecuted",
                "markupRendered", "alerts", "canaryHits", "navigatedAway", "shownAsText", "loadErrors", "slotsNotReached");
        System.out.println("BrowserInjectionIT: " + payloads.size() + " payloads (" + HostilePayloads.templates() + " templates) over "
                + slots.size() + " page/parameter slots");
        Map<Integer, String> slotOfPayload = new LinkedHashMap<>();
        for (Slot slot : slots) {
            slot.open(CONTROL);
            if (!Boolean.TRUE.equals(browser.script(slot.reached()))) {
                report.finding("slotsNotReached", slot.page() + " " + slot.param() + ": a harmless value did not reach the page under test; at "
                        + browser.driver().getCurrentUrl() + " titled " + browser.driver().getTitle());
            }
        }

        for (HostilePayloads.Payload payload : payloads) {
            Slot slot = slots.get(payload.index() % slots.size());
            String where = slot.page() + " " + slot.param() + " payload #" + payload.index() + " (" + payload.template() + ")";
            slotOfPayload.put(payload.index(), where);
            report.count("cases");
            try {
                slot.open(payload.text());
                report.count("pagesLoaded");
            } catch (UnhandledAlertException e) {
                report.finding("alerts", where + ": an alert opened while loading: " + e.getAlertText());
                dismissAlert();
                continue;
            } catch (WebDriverException e) {
                report.finding("loadErrors", where + ": the page did not load: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            inspect(where, payload, report);
        }

        // Scripts fetch the canary asynchronously: give stragglers a moment, then name the payloads they came from.
        Instant until = Instant.now().plus(Duration.ofSeconds(1));
        Chromium.await("the last page to settle", () -> Instant.now().isAfter(until) ? Boolean.TRUE : null);
        for (String hit : foreign.canaryHits()) {
            String where = hit.matches("\\d+") ? slotOfPayload.getOrDefault(Integer.parseInt(hit), "payload " + hit) : "path " + hit;
            report.finding("canaryHits", where + ": the foreign origin's canary was requested (the payload ran or rendered)");
        }
        report.write();
        assertThat(report.findings()).as(report.summary()).isEmpty();
    }

    private static void inspect(String where, HostilePayloads.Payload payload, SecurityReport report) {
        dismissAlertAsFinding(where, report);
        Map<String, Object> probe;
        try {
            probe = probe();
        } catch (UnhandledAlertException e) {
            report.finding("alerts", where + ": an alert opened: " + e.getAlertText());
            dismissAlert();
            probe = probe();
        }
        @SuppressWarnings("unchecked")
        List<String> injected = (List<String>) probe.get("injected");
        if (!injected.isEmpty()) {
            report.finding("markupRendered", where + " at " + probe.get("url") + ": injected elements " + injected);
        }
        String title = String.valueOf(probe.get("title"));
        if (probe.get("marker") != null || title.contains("szpwned")) {
            report.finding("scriptsExecuted", where + " at " + probe.get("url") + ": script marker " + probe.get("marker") + ", title " + title);
        }
        String url = String.valueOf(probe.get("url"));
        if (url.startsWith(foreign.origin())) {
            report.finding("navigatedAway", where + ": the page navigated to the foreign origin " + url);
        }
        if (String.valueOf(probe.get("text")).contains("szpwn")) {
            report.count("shownAsText"); // the payload is on the page, and (no element above) only as text
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe() {
        return (Map<String, Object>) browser.script(PROBE);
    }

    private static void dismissAlertAsFinding(String where, SecurityReport report) {
        try {
            Alert alert = browser.driver().switchTo().alert();
            report.finding("alerts", where + ": an alert is open: " + alert.getText());
            alert.dismiss();
        } catch (NoAlertPresentException e) {
            // the expected case
        }
    }

    private static void dismissAlert() {
        try {
            browser.driver().switchTo().alert().dismiss();
        } catch (NoAlertPresentException e) {
            // already gone
        }
    }

    private static List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        // The web_message page itself (no session: login_required, with the hostile state and the other parameters).
        for (String param : List.of("state", "login_hint", "ui_locales")) {
            slots.add(new Slot("web_message page (webmessage-it)", param, p -> authorize().client("spa", app.url("/"))
                    .silentImplicit("s", "n").param(param, p).url(), "return document.title === 'Authorization response';"));
        }
        // The storezero theme's login page in the dev realm.
        for (String param : List.of("login_hint", "ui_locales", "state")) {
            slots.add(new Slot("storezero login page", param, p -> pkce(Authorize.at(KEYCLOAK, SZ).client("storezero-spa", SZ_APP)
                    .param("response_type", "code").param("scope", "openid").param("state", "s")).param(param, p).url(),
                    "return !!document.getElementById('kc-form');"));
        }
        // The Connection Redirector's unknown-connection error page: storezero theme, and Keycloak's theme in auth0-it.
        slots.add(new Slot("storezero error page via /auth0/authorize", "connection", p -> pkce(Authorize.atEndpoint(auth0(SZ) + "/authorize")
                .client("storezero-spa", SZ_APP).param("response_type", "code").param("scope", "openid")).param("connection", p).url(),
                SHOWS_UNKNOWN_CONNECTION));
        slots.add(new Slot("auth0-it error page via /auth0/authorize", "connection", p -> pkce(Authorize.atEndpoint(auth0(A0) + "/authorize")
                .client("spa", app.url("/")).param("response_type", "code").param("scope", "openid")).param("connection", p).url(),
                SHOWS_UNKNOWN_CONNECTION));
        // Keycloak's error page for an invalid redirect_uri, reached through the bundle's /auth0/authorize.
        for (String param : List.of("state", "login_hint", "ui_locales")) {
            slots.add(new Slot("auth0-it invalid-redirect error page", param, p -> pkce(Authorize.atEndpoint(auth0(A0) + "/authorize")
                    .client("spa", "http://localhost:3199/").param("response_type", "code")).param(param, p).url(),
                    "return document.body.innerText.indexOf('redirect_uri') >= 0;"));
        }
        // /auth0/v2/logout: a returnTo that is not allowed (error page), and one under an allowed prefix.
        slots.add(new Slot("storezero /auth0/v2/logout", "returnTo", p -> Authorize.atEndpoint(auth0(SZ) + "/v2/logout")
                .param("client_id", "storezero-spa").param("returnTo", p).url(), ON_KEYCLOAK));
        slots.add(new Slot("auth0-it /auth0/v2/logout", "returnTo", p -> Authorize.atEndpoint(auth0(A0) + "/v2/logout")
                .param("client_id", "spa").param("returnTo", p).url(), ON_KEYCLOAK));
        slots.add(new Slot("storezero /auth0/v2/logout under an allowed prefix", "returnTo", p -> Authorize.atEndpoint(auth0(SZ) + "/v2/logout")
                .param("client_id", "storezero-spa").param("returnTo", SZ_APP + p).url(), "return true;"));
        // The broker callback's error page, as an identity provider's error redirect reaches it.
        for (String realm : List.of(SZ, A0)) {
            for (String param : List.of("error_description", "state")) {
                slots.add(new Slot(realm + " broker callback error page", param, p -> Authorize.atEndpoint(KEYCLOAK + "/realms/" + realm
                        + "/broker/facebook/endpoint").param("error", "server_error").param("error_description", "d").param("state", "s")
                        .param(param, p).url(), ON_KEYCLOAK));
            }
        }
        // The Storage Access frame (webmessage-it, client spa, the app's origin): values that end up in its attributes.
        for (String param : List.of("state", "nonce", "scope")) {
            slots.add(new Slot("Storage Access frame", param, p -> frame(app.origin(), app.url("/")).param(param, p).url(), SHOWS_FRAME));
        }
        slots.add(new Slot("Storage Access frame", "redirect_uri", p -> frame(app.origin(), app.url("/" + p)).url(), SHOWS_FRAME));
        // Its refusal, Keycloak's error page: an origin that is no Web Origin, an unknown client.
        slots.add(new Slot("Storage Access frame error page", "origin", p -> frame(p, app.url("/")).url(), ON_KEYCLOAK));
        slots.add(new Slot("Storage Access frame error page", "client_id", p -> frame(app.origin(), app.url("/")).param("client_id", p).url(),
                ON_KEYCLOAK));
        // FedCM (switched on for webmessage-it's spa): what a top-level navigation gets, and a form a foreign page posts.
        slots.add(new Slot("FedCM config.json", "query", p -> Authorize.atEndpoint(ISSUER + "/fedcm/config.json").param("client_id", p).url(),
                "return document.body.innerText.indexOf('id_assertion_endpoint') >= 0;"));
        slots.add(new Slot("FedCM accounts", "query", p -> Authorize.atEndpoint(ISSUER + "/fedcm/accounts").param("client_id", p).url(),
                ON_KEYCLOAK));
        slots.add(new Slot("FedCM assertion, posted by a foreign page", "every field", p -> ISSUER + "/fedcm/assertion", ON_KEYCLOAK,
                BrowserInjectionIT::postAssertionFromForeignPage));
        return slots;
    }

    private static final String SHOWS_FRAME = "return !!document.getElementById('storage-access-continue');";

    private static Authorize frame(String origin, String redirectUri) {
        return Authorize.atEndpoint(ISSUER + "/storage-access/frame").client("spa", redirectUri).param("origin", origin)
                .param("response_type", "code").param("scope", "openid").param("state", "s").param("nonce", "n")
                .param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256");
    }

    /** A page on the foreign origin posts the assertion form, the value in every field, and the browser shows the answer. */
    private static void postAssertionFromForeignPage(String value) {
        String assertion = ISSUER + "/fedcm/assertion";
        browser.open(foreign.url("/"));
        browser.script("var f=document.createElement('form'),v=arguments[1];f.method='POST';f.action=arguments[0];"
                + "['client_id','account_id','nonce','disclosure_text_shown','params'].forEach(function(n){"
                + "var i=document.createElement('input');i.type='hidden';i.name=n;i.value=n==='client_id'?'spa':v;f.appendChild(i);"
                + "});document.body.appendChild(f);f.submit();", assertion, value);
        Chromium.await("the assertion's answer", () -> {
            try {
                return Boolean.TRUE.equals(browser.script("return location.href === arguments[0] && document.readyState === 'complete';",
                        assertion)) ? Boolean.TRUE : null;
            } catch (UnhandledAlertException e) {
                throw e; // a finding, counted by the caller
            } catch (WebDriverException e) {
                return null; // asked while the page was being replaced: look again
            }
        });
    }

    /** The code flow of these clients requires PKCE; without it Keycloak stops before the page under test. */
    private static Authorize pkce(Authorize request) {
        return request.param("code_challenge", Authorize.Pkce.create().challenge()).param("code_challenge_method", "S256");
    }

    private static String auth0(String realm) {
        return KEYCLOAK + "/realms/" + realm + "/auth0";
    }
}
