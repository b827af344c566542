package io.storezero.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Runs every code block of docs/spa.md. Each block carries a label ({@code <!-- snippet: name -->} before its fence);
 * the test replaces only the documented placeholders (Keycloak's URL, the realm, the client id), bundles the block with
 * esbuild and the npm packages of {@code src/test/js}, and serves it as the page at {@code /} of the HTTPS test origin,
 * which is the same site as Keycloak's HTTPS port (realm {@code auth0-it}, client {@code spa}). One login, through the
 * auth0-spa-js snippet, leaves the Keycloak session every snippet then uses silently.
 */
@ExtendWith(StorezeroServer.class)
class DocSnippetsIT {

    private static final Path SPA_MD = StorezeroServer.root().resolve("docs/spa.md");
    private static final String REALM = "auth0-it";
    private static final String CLIENT_ID = "spa";
    private static final String ISSUER = StorezeroServer.KEYCLOAK_HTTPS_URL + "/realms/" + REALM;
    /** What the snippets say, and what the test puts there: the placeholders docs/spa.md documents, nothing else. */
    private static final Map<String, String> PLACEHOLDERS = placeholders();

    private static final Pattern LABELLED_BLOCK = Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\s*\\n```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("^```", Pattern.MULTILINE);

    /**
     * Stands in for the app's own API (the page is all the test serves): records each call's Authorization header and
     * answers an empty list. Then marks script errors, so a broken snippet fails with its message, not a timeout.
     */
    private static final String HARNESS = """
            <script>
            window.apiCalls = [];
            window.results = {};
            const realFetch = window.fetch.bind(window);
            window.fetch = (input, init) => {
              const url = String(input && input.url ? input.url : input);
              if (!url.includes('/api/')) return realFetch(input, init);
              window.apiCalls.push({ url, authorization: new Headers(init && init.headers).get('Authorization') });
              return Promise.resolve(new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }));
            };
            window.addEventListener('error', (e) => { window.snippetError = String(e.message); });
            window.addEventListener('unhandledrejection', (e) => { window.snippetError = String(e.reason && (e.reason.stack || e.reason)); });
            window.run = (name, call) => {
              const started = performance.now();
              Promise.resolve().then(call).then(
                (value) => { window.results[name] = { ok: true, value: value === undefined ? null : value, ms: performance.now() - started }; },
                (e) => { window.results[name] = { ok: false, error: (e && e.error) || null, message: String((e && e.message) || e), ms: performance.now() - started }; });
            };
            </script>
            """;

    private static Map<String, Snippet> snippets;
    private static Map<String, byte[]> bundles;
    /** plain-postmessage with Keycloak's URL pointing at a server that never answers. */
    private static byte[] unansweredPlainPostMessage;
    /** The app on {@link TestPages#HTTPS_ORIGIN}, the same site as Keycloak. */
    private static TestPages pages;
    /** The app on {@link TestPages#APP_ORIGIN}, and a "Keycloak" on {@link TestPages#FOREIGN_ORIGIN} that posts nothing. */
    private static TestPages app;
    private static TestPages foreign;
    private static Chromium browser;

    @BeforeAll
    static void buildSnippetsAndLogIn() {
        KeycloakAdmin admin = KeycloakAdmin.local();
        admin.ensureRealm("/realms/upstream-it.json");
        admin.ensureRealm("/realms/auth0-it.json");
        snippets = snippets();
        bundles = new LinkedHashMap<>();
        snippets.forEach((name, snippet) -> bundles.put(name, bundle(name, snippet, PLACEHOLDERS)));
        Map<String, String> unanswered = new LinkedHashMap<>(PLACEHOLDERS);
        unanswered.put("https://login.example.com", TestPages.FOREIGN_ORIGIN);
        unansweredPlainPostMessage = bundle("plain-postmessage-unanswered", snippets.get("plain-postmessage"), unanswered);
        pages = TestPages.startSecureApp();
        app = TestPages.startApp();
        foreign = TestPages.startForeign();
        browser = Chromium.start();

        // The one login: the auth0-spa-js snippet's login(), Keycloak's form, and the snippet's redirect callback.
        show("auth0-spa-js");
        browser.open(pages.url("/"));
        awaitSnippet();
        browser.script("snippet.login();");
        browser.login("alice", "alice");
        Chromium.await("the app back from Keycloak, code and state gone from the URL", () ->
                pages.url("/").equals(browser.driver().getCurrentUrl()) && ready() ? Boolean.TRUE : null);
        assertThat(value(call("user", "snippet.user()"))).containsEntry("email", "alice@example.org");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        for (TestPages server : new TestPages[] {pages, app, foreign}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void everyCodeBlockOfTheGuideIsLabelledAndRunHere() throws IOException {
        long fences = FENCE.matcher(Files.readString(SPA_MD)).results().count();
        assertThat(fences / 2).as("code blocks in docs/spa.md; each needs a <!-- snippet: name --> label").isEqualTo(snippets.size());
        assertThat(snippets).containsOnlyKeys("auth0-spa-js", "auth0-react", "oidc-client-ts", "oidc-client-ts-silent-renew", "plain-postmessage");
        snippets.forEach((name, snippet) -> assertThat(snippet.code()).as(name).contains("https://login.example.com", "/realms/storezero", "storezero-spa"));
    }

    @Test
    void auth0SpaJsGetsATokenSilentlyAfterTheLogin() {
        open("auth0-spa-js");

        assertThat(call("api", "snippet.callApi('/api/orders')")).containsEntry("ok", true);

        verifiedApiToken();
        assertThat(silentFrames()).anySatisfy(url -> assertThat(url).startsWith(ISSUER + "/auth0/authorize?").contains("response_mode=web_message", "prompt=none"));
    }

    @Test
    void auth0ReactSignsTheReturningUserInSilentlyAndCallsTheApi() {
        open("auth0-react");

        awaitText("Signed in as alice@example.org");
        browser.driver().findElement(By.xpath("//button[text()='My orders']")).click();
        awaitText("Orders: loaded");

        verifiedApiToken();
        assertThat(silentFrames()).anySatisfy(url -> assertThat(url).startsWith(ISSUER + "/auth0/authorize?").contains("response_mode=web_message", "prompt=none"));
    }

    @Test
    void oidcClientTsSignsInSilentlyThroughItsSilentRenewPage() {
        open("oidc-client-ts");
        browser.script("sessionStorage.clear();");

        assertThat(call("api", "snippet.callApi('/api/orders')")).containsEntry("ok", true);

        verifiedApiToken();
        List<String> frames = silentFrames();
        assertThat(frames).anySatisfy(url -> assertThat(url).startsWith(pages.url("/silent-renew.html?")).contains("code="));
        assertThat(frames).noneSatisfy(url -> assertThat(url).contains("response_mode=web_message"));
    }

    @Test
    void plainPostMessageGetsVerifiedTokensAndRemovesItsFrame() {
        open("plain-postmessage");

        Map<String, Object> tokens = value(call("silent", "snippet.getTokensSilently()"));

        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, CLIENT_ID);
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) tokens.get("id_token"), ISSUER, CLIENT_ID);
        assertThat(idToken.getSubject()).isEqualTo(accessToken.getSubject());
        assertThat(idToken.getClaim("nonce")).isNotNull();
        assertThat(silentFrames()).anySatisfy(url -> assertThat(url).startsWith(ISSUER + "/protocol/openid-connect/auth?")
                .contains("response_mode=web_message", "prompt=none", "code_challenge_method=S256"));
        assertThat(browser.script("return document.querySelectorAll('iframe').length;")).isEqualTo(0L);
    }

    /**
     * The same snippet with a Keycloak that never answers: its one documented placeholder for Keycloak's URL points at
     * {@link TestPages#FOREIGN_ORIGIN}, a page server that posts nothing, and the app runs on {@link TestPages#APP_ORIGIN}.
     * Two forged answers arrive while the snippet waits: the right {@code state} from the wrong origin (the app's own
     * window), and the wrong {@code state} from "Keycloak's" origin (a script in the snippet's own frame).
     */
    @Test
    void plainPostMessageIgnoresAnotherOriginAndAnotherStateThenTimesOut() {
        app.serve("/", "text/html; charset=utf-8", page("plain-postmessage", "/bundle.js"));
        app.serve("/bundle.js", "text/javascript; charset=utf-8", unansweredPlainPostMessage);
        browser.open(app.url("/"));
        awaitSnippet();
        browser.script("""
                window.seen = [];
                window.addEventListener('message', (e) => window.seen.push({
                  origin: e.origin, state: (e.data && e.data.response && e.data.response.state) || null, snippetWaiting: !window.results.silent }));
                run('silent', () => snippet.getTokensSilently({ timeoutMs: 4000 }));
                """);
        WebElement frame = Chromium.await("the snippet's hidden frame", () -> browser.first(By.tagName("iframe")));
        String state = (String) browser.script("return new URL(arguments[0].src).searchParams.get('state');", frame);
        String issuer = TestPages.FOREIGN_ORIGIN + "/realms/" + REALM;

        browser.script("window.postMessage({ type: 'authorization_response', response: { code: 'forged', state: arguments[0], iss: arguments[1] } }, '*');",
                state, issuer);
        Chromium.await("the frame's document", () -> {
            browser.driver().switchTo().defaultContent();
            assertStillWaiting();
            browser.driver().switchTo().frame(frame);
            return "complete".equals(browser.script("return document.readyState;")) && browser.script("return location.origin;").equals(TestPages.FOREIGN_ORIGIN)
                    ? Boolean.TRUE : null;
        });
        browser.script("window.parent.postMessage({ type: 'authorization_response', response: { code: 'forged', state: 'another-request', iss: arguments[0] } }, '*');",
                issuer);
        browser.driver().switchTo().defaultContent();
        assertStillWaiting();

        Map<String, Object> result = Chromium.await(Duration.ofSeconds(30), "the snippet's outcome", () -> results("silent"));

        assertThat(result).containsEntry("ok", false).containsEntry("error", "timeout");
        assertThat(((Number) result.get("ms")).doubleValue()).isBetween(4000.0, 15000.0);
        assertThat(browser.script("return window.seen;")).asList().containsExactlyInAnyOrder(
                Map.of("origin", TestPages.APP_ORIGIN, "state", state, "snippetWaiting", true),
                Map.of("origin", TestPages.FOREIGN_ORIGIN, "state", "another-request", "snippetWaiting", true));
        assertThat(browser.script("return performance.getEntriesByType('resource').filter((e) => e.name.includes('/token')).length;"))
                .as("token requests: a forged answer reached the code exchange").isEqualTo(0L);
        assertThat(browser.script("return document.querySelectorAll('iframe').length;")).as("the snippet's frame, removed").isEqualTo(0L);
    }

    /** The snippet has not settled yet: a forged answer it took would settle it long before its timeout. */
    private static void assertStillWaiting() {
        Map<String, Object> early = results("silent");
        if (early != null) {
            throw new AssertionError("the snippet took a forged answer instead of waiting for its timeout: " + early
                    + "; messages it saw: " + browser.script("return window.seen;"));
        }
    }

    // --- the snippets ---------------------------------------------------------------------------------------------

    /** A labelled code block of docs/spa.md: its language ({@code js}, {@code jsx}) and its code as written. */
    private record Snippet(String language, String code) {
    }

    /** The labelled code blocks of docs/spa.md, by label. */
    private static Map<String, Snippet> snippets() {
        try {
            Map<String, Snippet> found = new LinkedHashMap<>();
            Matcher block = LABELLED_BLOCK.matcher(Files.readString(SPA_MD));
            while (block.find()) {
                Snippet previous = found.put(block.group(1), new Snippet(block.group(2), block.group(3)));
                assertThat(previous).as("a second snippet labelled " + block.group(1)).isNull();
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("https://login.example.com", StorezeroServer.KEYCLOAK_HTTPS_URL);
        values.put("/realms/storezero", "/realms/" + REALM);
        values.put("storezero-spa", CLIENT_ID);
        return values;
    }

    /** The snippet as an ES module bundle (esbuild, the packages of src/test/js), exposed to the test as {@code window.snippet}. */
    private static byte[] bundle(String name, Snippet snippet, Map<String, String> placeholders) {
        try {
            Path dir = Path.of("target", "doc-snippets", name).toAbsolutePath();
            Files.createDirectories(dir);
            String filled = snippet.code();
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                filled = filled.replace(placeholder.getKey(), placeholder.getValue());
            }
            String source = "snippet." + snippet.language();
            Files.writeString(dir.resolve(source), filled);
            Files.writeString(dir.resolve("entry.js"), "import * as snippet from './" + source + "';\nwindow.snippet = snippet;\n");
            Path modules = Path.of(System.getProperty("storezero.js.modules", "src/test/js/node_modules")).toAbsolutePath().normalize();
            Path out = dir.resolve("bundle.js");
            ProcessBuilder esbuild = new ProcessBuilder("node", modules.resolve("esbuild/bin/esbuild").toString(), "entry.js",
                    "--bundle", "--format=esm", "--jsx=automatic", "--define:process.env.NODE_ENV=\"production\"",
                    "--log-level=warning", "--outfile=" + out)
                    .directory(dir.toFile()).redirectErrorStream(true);
            esbuild.environment().put("NODE_PATH", modules.toString());
            Process process = esbuild.start();
            String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("esbuild could not bundle the snippet " + name + " of docs/spa.md:\n" + log);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code name} the app at {@code /} (and oidc-client-ts's silent-renew page at its path). */
    private static void show(String name) {
        pages.serve("/", "text/html; charset=utf-8", page(name, "/bundle.js"));
        pages.serve("/bundle.js", "text/javascript; charset=utf-8", bundles.get(name));
        pages.serve("/silent-renew.html", "text/html; charset=utf-8", page(name, "/silent-renew.js"));
        pages.serve("/silent-renew.js", "text/javascript; charset=utf-8", bundles.get("oidc-client-ts-silent-renew"));
    }

    private static byte[] page(String name, String script) {
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>docs/spa.md: " + name + "</title>\n"
                + HARNESS + "<script type=\"module\" src=\"" + script + "\"></script></head>\n"
                + "<body><div id=\"root\"></div></body></html>\n").getBytes(StandardCharsets.UTF_8);
    }

    // --- the browser ----------------------------------------------------------------------------------------------

    /** Opens the app with snippet {@code name} as a new visit: a fresh document (nothing in the SDKs' memory). */
    private static void open(String name) {
        show(name);
        browser.navigations(); // from here on: this visit's documents only
        browser.open(pages.url("/"));
        if (!name.equals("auth0-react")) {
            awaitSnippet();
        }
    }

    private static boolean ready() {
        Object error = browser.script("return window.snippetError || null;");
        if (error != null) {
            throw new AssertionError("the snippet failed in the browser: " + error + "\n" + browser.consoleLog());
        }
        return Boolean.TRUE.equals(browser.script("return !!window.snippet;"));
    }

    private static void awaitSnippet() {
        Chromium.await("the snippet's module", () -> ready() ? Boolean.TRUE : null);
    }

    private static void awaitText(String text) {
        Chromium.await("'" + text + "' on the page", () -> {
            ready();
            return browser.driver().findElement(By.tagName("body")).getText().contains(text) ? Boolean.TRUE : null;
        });
    }

    private static Map<String, Object> call(String name, String expression) {
        browser.script("run(arguments[0], () => " + expression + ");", name);
        return Chromium.await("the outcome of " + name, () -> results(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> results(String name) {
        return (Map<String, Object>) browser.script("return window.results[arguments[0]] || null;", name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Map<String, Object> result) {
        if (!Boolean.TRUE.equals(result.get("ok"))) {
            throw new AssertionError("the snippet's call failed: " + result);
        }
        return (Map<String, Object>) result.get("value");
    }

    /** The one API call the snippet made, its bearer token verified against the realm's keys. */
    @SuppressWarnings("unchecked")
    private static JWTClaimsSet verifiedApiToken() {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) browser.script("return window.apiCalls;");
        assertThat(calls).hasSize(1);
        String authorization = (String) calls.get(0).get("authorization");
        assertThat(authorization).startsWith("Bearer ");
        JWTClaimsSet token = Tokens.verifyAccessToken(authorization.substring("Bearer ".length()), ISSUER, CLIENT_ID);
        try {
            assertThat(token.getStringClaim("preferred_username")).isEqualTo("alice");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        return token;
    }

    /** The documents loaded in frames (not the top-level page) since the page was opened. */
    private static List<String> silentFrames() {
        return browser.navigations().stream().filter(n -> !n.topLevel()).map(Chromium.Navigation::url).toList();
    }
}
