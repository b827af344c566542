package io.storezero.it.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.storezero.it.support.Authorize;
import io.storezero.it.support.BrowserTest;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.TestPages;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What must never happen: a message to the wrong window, a script breaking out, a page framed by a stranger. */
class WebMessageSecurityIT extends BrowserTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** How long a test that proves absence waits for a message that must not come, after the frame has loaded. */
    private static final Duration SILENCE = Duration.ofMillis(1500);

    @Test
    void anUnregisteredRedirectUriGetsKeycloaksErrorPageAndNoMessage() throws Exception {
        String url = authorize().client("spa", "http://localhost:3199/").silentImplicit("bad", "n").url();

        HttpResponse<String> page = get(url);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Invalid parameter: redirect_uri").doesNotContain("postMessage");

        browser.script("silent(arguments[0])", url);
        browser.awaitFrameLoads(1);
        assertOnlyTheControlMessageArrives();
    }

    @Test
    void aRegisteredRedirectUriWhoseOriginIsNotAWebOriginGetsAnErrorPageAndNoMessage() throws Exception {
        logInTopLevel("spa-foreign-origin");
        String url = authorize().client("spa-foreign-origin", foreign.url("/")).silentImplicit("foreign", "n").url();

        HttpResponse<String> page = get(url);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Web Origins").doesNotContain("postMessage").doesNotContain("access_token");

        browser.open(foreign.url("/"));
        browser.script("silent(arguments[0])", url);
        browser.awaitFrameLoads(1);
        assertNoMessageArrives();
    }

    @Test
    void aPageOnAnotherOriginThatFramesTheEndpointReceivesNothingBecauseCspBlocksIt() {
        logInTopLevel("spa");
        browser.consoleLog();
        browser.open(foreign.url("/"));
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("framed", "n").url());

        String console = Chromium.await("the CSP violation", () -> {
            String log = browser.consoleLog();
            return log.contains("frame-ancestors") ? log : null;
        });
        assertThat(console).contains("frame-ancestors " + app.origin());
        assertNoMessageArrives();
    }

    @Test
    void aPageOnAnotherOriginThatOpensTheEndpointInAPopupReceivesNothing() {
        logInTopLevel("spa");
        browser.open(foreign.url("/"));
        String foreignWindow = browser.driver().getWindowHandle();
        browser.script("popup(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("opened", "n").url());

        browser.switchToOtherWindow(foreignWindow);
        Chromium.await("the web_message page in the popup", () -> "Authorization response".equals(browser.driver().getTitle()) ? Boolean.TRUE : null);
        browser.driver().close();
        browser.driver().switchTo().window(foreignWindow);
        assertNoMessageArrives();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "</script><script>parent.postMessage('pwned','*')</script>",
            "\"'><img src=x onerror=\"parent.postMessage('pwned','*')\">",
            "<!--<script>parent.postMessage('pwned','*')//",
            "line\u2028separator\u2029paragraph",
            "\\\";parent.postMessage('pwned','*');//",
            "]]></body></html>"})
    void hostileStateValuesArriveIntactAndNeverRun(String state) {
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit(state, "n").url());

        Map<String, Object> message = browser.awaitMessage();
        assertThat(Tokens.response(message)).containsEntry("state", state).containsEntry("error", "login_required");
        assertNoFurtherMessage();
    }

    @Test
    void relayModeParametersAreRefusedWithInvalidRequest() {
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("relay", "n")
                .param("web_message_uri", foreign.url("/")).param("web_message_target", "x").url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "relay")
                .hasEntrySatisfying("error_description", d -> assertThat(d.toString()).contains("web_message_uri"));
    }

    /**
     * The review's attack: an unsigned request object whose redirect_uri (registered, but not a Web Origin) wins over the
     * checked query one. With a live session, the foreign page that frames it must get nothing, and the app gets
     * invalid_request.
     */
    @Test
    void aRequestObjectIsRefusedAndItsRedirectUriNeverReceivesAMessage() {
        logInTopLevel("spa-foreign-origin");
        String url = authorize().client("spa-foreign-origin", app.url("/")).silentImplicit("ro", "n")
                .param("request", unsignedRequestObject("spa-foreign-origin", foreign.url("/"), "ro")).url();

        browser.open(foreign.url("/"));
        browser.script("silent(arguments[0])", url);
        browser.awaitFrameLoads(1);
        assertNoMessageArrives();

        browser.open(app.url("/"));
        browser.script("silent(arguments[0])", url);
        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "invalid_request").containsEntry("state", "ro").doesNotContainKey("access_token")
                .hasEntrySatisfying("error_description", d -> assertThat(d.toString()).contains("Request objects"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:ietf:params:oauth:request_uri:not-pushed", "http://127.0.0.1:3101/request.jwt"})
    void aRequestUriOrPushedRequestIsRefusedWithInvalidRequest(String requestUri) {
        logInTopLevel("spa");
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("par", "n")
                .param("request_uri", requestUri).url());

        assertThat(Tokens.response(browser.awaitMessage()))
                .containsEntry("error", "invalid_request").containsEntry("state", "par").doesNotContainKey("access_token");
        assertNoFurtherMessage();
    }

    @Test
    void aClientWithWebMessageSwitchedOffIsRefusedAsKeycloakRefusesUnknownModes() throws Exception {
        String url = authorize().client("spa-web-message-off", app.url("/")).silentImplicit("off", "n").url();

        HttpResponse<String> response = get(url);
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(app.url("/")).contains("error=invalid_request").contains("response_mode");
        assertThat(response.body()).doesNotContain("postMessage");
    }

    @Test
    void theWebMessagePageIsLockedToTheClientOriginAndNeverCached() throws Exception {
        HttpResponse<String> page = get(authorize().client("spa", app.url("/")).silentImplicit("h", "n").url());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors " + app.origin() + ";").containsPattern("script-src 'sha256-[A-Za-z0-9+/=]+'")
                .doesNotContain("unsafe-inline").doesNotContain("*").doesNotContain("'self'");
        assertThat(page.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("postMessage(message,targetOrigin)").contains("\"http:\\u002F\\u002Flocalhost:" + TestPages.APP_PORT + "\"");
    }

    /** The headers Keycloak puts on every page of the realm, and that the page's own header set must not drop. */
    @Test
    void theWebMessagePageCarriesTheRealmsTransportAndRobotsHeadersLikeKeycloaksOwnPages() throws Exception {
        HttpResponse<String> page = get(authorize().client("spa", app.url("/")).silentImplicit("h", "n").url());
        HttpResponse<String> login = get(authorize().client("spa", app.url("/")).silentImplicit("login", "n").without("prompt").url());

        for (String header : List.of("Strict-Transport-Security", "X-Robots-Tag")) {
            assertThat(login.headers().firstValue(header)).as("Keycloak's login page sets %s", header).isPresent();
            assertThat(page.headers().allValues(header)).as(header).containsExactly(login.headers().firstValue(header).orElseThrow());
        }
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).contains("max-age="));
        assertThat(page.headers().firstValue("X-Robots-Tag")).contains("none");
    }

    @Test
    void keycloaksLoginPageStaysUnframeable() throws Exception {
        String loginUrl = authorize().client("spa", app.url("/")).silentImplicit("login", "n").without("prompt").url();

        HttpResponse<String> login = get(loginUrl);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("kc-login");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'self'"));

        browser.consoleLog();
        browser.script("silent(arguments[0])", loginUrl);
        String console = Chromium.await("the framing refusal", () -> {
            String log = browser.consoleLog();
            return log.contains("frame-ancestors") || log.contains("X-Frame-Options") ? log : null;
        });
        assertThat(console).containsAnyOf("frame-ancestors 'self'", "X-Frame-Options");
        assertNoMessageArrives();
    }

    /** A valid request after the bad one: its message arrives, and it is the only one. */
    private static void assertOnlyTheControlMessageArrives() {
        browser.script("silent(arguments[0])", authorize().client("spa", app.url("/")).silentImplicit("control", "n").url());
        Map<String, Object> first = browser.awaitMessage();
        assertThat(Tokens.response(first)).containsEntry("state", "control");
        assertNoFurtherMessage();
    }

    private static void assertNoFurtherMessage() {
        waitOutSilence();
        List<Map<String, Object>> received = browser.received();
        assertThat(received).hasSize(1);
    }

    private static void assertNoMessageArrives() {
        waitOutSilence();
        assertThat(browser.received()).isEmpty();
    }

    private static void waitOutSilence() {
        Instant until = Instant.now().plus(SILENCE);
        while (Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A request object with {@code alg: none}, which Keycloak accepts from a client that set no signature algorithm. */
    private static String unsignedRequestObject(String clientId, String redirectUri, String state) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"client_id\":\"" + clientId + "\",\"redirect_uri\":\"" + redirectUri
                + "\",\"response_type\":\"id_token token\",\"response_mode\":\"web_message\",\"scope\":\"openid\","
                + "\"state\":\"" + state + "\",\"nonce\":\"n\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
