package io.storezero.it.fedcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.federatedcredentialmanagement.FederatedCredentialManagementDialog;

/**
 * Feasibility probe for issue 12's stretch (FedCM), not the product feature: can the installed headless Chromium run a
 * whole FedCM sign-in against an identity provider on loopback, driven without a human through ChromeDriver's FedCM
 * commands (Selenium's {@code HasFederatedCredentialManagement}), with the relying party on the IdP's site and on
 * another site, and with third-party cookies allowed and blocked? Findings are in {@code docs/fedcm-probe.md}.
 *
 * <p>The IdP is a JDK {@link HttpServer} serving exactly what FedCM asks for (well-known file, config, accounts, ID
 * assertion, login status through {@code Set-Login}); the RP is a second one serving one page. Both bind loopback
 * only; run inside a private network namespace like every browser test here.
 */
final class FedCmProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SESSION_COOKIE = "idp_session";
    private static final String LAX_COOKIE = "idp_lax";
    private static final String CLIENT_ID = "probe-rp";
    /** A fake assertion: the probe shows the browser hands the IdP's answer to the RP, nothing signs it. */
    private static final String TOKEN = "probe-assertion-for-";

    /** What the IdP saw, per request: path, fetch destination, the names (never values) of the cookies it carried. */
    private final List<String> idpLog = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean serveWellKnown = true;
    private HttpServer idp;
    private HttpServer rp;
    private ChromeDriver driver;

    @BeforeEach
    void startServers() throws IOException {
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        idp.createContext("/", this::idp);
        rp.createContext("/", this::rp);
        idp.start();
        rp.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        idp.stop(0);
        rp.stop(0);
    }

    @ParameterizedTest(name = "rp on {0}, third-party cookies allowed: {1}")
    @CsvSource({"localhost, true", "localhost, false", "127.0.0.1, true", "127.0.0.1, false"})
    void aFedCmSignInCompletesThroughChromeDriversDialogCommands(String rpHost, boolean thirdPartyCookiesAllowed) {
        start(thirdPartyCookiesAllowed);
        signInAtTheIdp();
        Instant started = Instant.now();
        requestCredential(rpHost);

        FederatedCredentialManagementDialog dialog = Poll.until(TIMEOUT, "the FedCM account chooser", () -> {
            Object failed = driver.executeScript("return window.fedcm && window.fedcm.error");
            if (failed != null) {
                throw new AssertionError("navigator.credentials.get failed before any dialog: " + failed + "; IdP saw " + idpLog);
            }
            return openDialog();
        });
        System.out.printf("[fedcm-probe] rp=%s 3pc=%s dialog=%s accounts=%s%n", rpHost, thirdPartyCookiesAllowed,
                dialog.getDialogType(), dialog.getAccounts().stream().map(a -> a.getAccountid()).toList());
        assertThat(dialog.getDialogType()).isEqualTo(FederatedCredentialManagementDialog.DIALOG_TYPE_ACCOUNT_LIST);
        assertThat(dialog.getAccounts()).extracting(a -> a.getAccountid()).containsExactly("alice");
        dialog.selectAccount(0);

        Map<String, Object> result = awaitResult();
        System.out.printf("[fedcm-probe] rp=%s 3pc=%s took=%d ms result-keys=%s IdP saw %s%n", rpHost,
                thirdPartyCookiesAllowed, Duration.between(started, Instant.now()).toMillis(), result.keySet(), idpLog);
        assertThat(result).doesNotContainKey("error");
        assertThat(result.get("token")).isEqualTo(TOKEN + "alice");
        // The session cookie reached the accounts endpoint even with third-party cookies blocked and the RP cross-site.
        assertThat(idpLog).anyMatch(line -> line.startsWith("/fedcm/accounts dest=webidentity")
                && line.contains("cookies=[") && line.contains(SESSION_COOKIE));
    }

    /** The check that the chooser above is earned: without an IdP session there is no account, no dialog, no token. */
    @ParameterizedTest(name = "rp on {0}")
    @CsvSource({"localhost", "127.0.0.1"})
    void withoutAnIdpSessionTheCallIsRejectedAndNoDialogOpens(String rpHost) {
        start(false);
        requestCredential(rpHost);

        Map<String, Object> result = awaitResult();
        System.out.printf("[fedcm-probe] no session rp=%s result=%s dialog=%s IdP saw %s%n", rpHost, result, openDialog(), idpLog);
        assertThat(result).containsKey("error").doesNotContainKey("token");
        assertThat(openDialog()).isNull();
    }

    /**
     * Whether the RP-on-the-IdP's-site case needs {@code /.well-known/web-identity}: the IdP answers 404 for it here.
     * The answer decides where a Keycloak IdP would need a file outside its own paths (the site's root).
     */
    @ParameterizedTest(name = "rp on {0}")
    @CsvSource({"localhost", "127.0.0.1"})
    void withoutTheWellKnownFile(String rpHost) {
        serveWellKnown = false;
        start(false);
        signInAtTheIdp();
        requestCredential(rpHost);

        // Empty: the call ended before any dialog; otherwise the chooser opened and the sign-in goes on.
        Optional<FederatedCredentialManagementDialog> dialog = Poll.until(TIMEOUT, "a dialog or a result", () -> {
            FederatedCredentialManagementDialog open = openDialog();
            if (open != null) {
                return Optional.of(open);
            }
            return driver.executeScript("return window.fedcm") != null ? Optional.empty() : null;
        });
        dialog.ifPresent(open -> open.selectAccount(0));
        String outcome = dialog.isPresent() ? "dialog" : "no dialog";
        Map<String, Object> result = awaitResult();
        System.out.printf("[fedcm-probe] no well-known rp=%s outcome=%s result-keys=%s error=%s IdP saw %s%n", rpHost,
                outcome, result.keySet(), result.get("error"), idpLog);
        if ("localhost".equals(rpHost)) {
            assertThat(result.get("token")).isEqualTo(TOKEN + "alice");
        } else {
            assertThat(result).containsKey("error").doesNotContainKey("token");
        }
    }

    /**
     * What the login status (Set-Login) is for: once an accounts fetch came back empty, Chromium records the IdP as
     * logged out and stops asking it; a session cookie alone does not change that, only a Set-Login: logged-in from the
     * IdP does. So a Keycloak IdP must send it whenever a user signs in, not just keep its cookie.
     */
    @ParameterizedTest(name = "rp on {0}")
    @CsvSource({"localhost", "127.0.0.1"})
    void afterAnEmptyAnswerOnlySetLoginBringsTheIdpBack(String rpHost) {
        start(false);
        requestCredential(rpHost);
        assertThat(awaitResult()).containsKey("error");

        driver.get(idpOrigin() + "/login-cookie-only");
        idpLog.clear();
        requestCredential(rpHost);
        Map<String, Object> withCookieOnly = awaitResult();
        List<String> sawWithCookieOnly = List.copyOf(idpLog);

        signInAtTheIdp();
        idpLog.clear();
        requestCredential(rpHost);
        FederatedCredentialManagementDialog dialog = Poll.until(TIMEOUT, "the account chooser after Set-Login", this::openDialog);
        dialog.selectAccount(0);
        Map<String, Object> withSetLogin = awaitResult();
        System.out.printf("[fedcm-probe] login status rp=%s cookie-only=%s IdP saw %s; after Set-Login result-keys=%s%n",
                rpHost, withCookieOnly, sawWithCookieOnly, withSetLogin.keySet());
        assertThat(withCookieOnly).containsKey("error").doesNotContainKey("token");
        assertThat(sawWithCookieOnly).noneMatch(line -> line.startsWith("/fedcm/accounts"));
        assertThat(withSetLogin.get("token")).isEqualTo(TOKEN + "alice");
    }

    private void start(boolean thirdPartyCookiesAllowed) {
        ChromeOptions options = HeadlessChromium.thirdPartyCookies(HeadlessChromium.options(), thirdPartyCookiesAllowed);
        driver = HeadlessChromium.start(options, TIMEOUT);
        // Chromium delays a rejection by a random time so sites cannot probe; a test wants the answer at once.
        driver.setDelayEnabled(false);
        driver.resetCooldown();
    }

    /** Top-level on the IdP: its cookies are first-party here, and Set-Login tells the browser the user is signed in. */
    private void signInAtTheIdp() {
        driver.get(idpOrigin() + "/login");
        assertThat(driver.getPageSource()).contains("signed in at the IdP");
    }

    private void requestCredential(String rpHost) {
        driver.get("http://" + rpHost + ":" + rp.getAddress().getPort() + "/rp.html");
        driver.executeScript("window.signIn(arguments[0], arguments[1])", idpOrigin() + "/fedcm/config.json", CLIENT_ID);
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitResult() {
        return Poll.until(TIMEOUT, "the RP page's FedCM result", () -> (Map<String, Object>) driver.executeScript("return window.fedcm"));
    }

    private String idpOrigin() {
        return "http://localhost:" + idp.getAddress().getPort();
    }

    private void idp(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String dest = exchange.getRequestHeaders().getFirst("Sec-Fetch-Dest");
        List<String> cookies = cookieNames(exchange);
        idpLog.add(path + " dest=" + dest + " cookies=" + cookies + " origin=" + exchange.getRequestHeaders().getFirst("Origin"));
        String self = idpOrigin();
        switch (path) {
            case "/login" -> {
                // Secure on http://localhost: Chromium counts localhost as a secure origin for cookies, and FedCM's
                // credentialed fetches send only SameSite=None cookies; the Lax one shows whether that still holds.
                exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=alice; Path=/; HttpOnly; Secure; SameSite=None");
                exchange.getResponseHeaders().add("Set-Cookie", LAX_COOKIE + "=alice; Path=/; HttpOnly; SameSite=Lax");
                exchange.getResponseHeaders().add("Set-Login", "logged-in");
                send(exchange, 200, "text/html", "<!doctype html><title>IdP</title><p>signed in at the IdP</p>");
            }
            case "/login-cookie-only" -> {
                exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=alice; Path=/; HttpOnly; Secure; SameSite=None");
                send(exchange, 200, "text/html", "<!doctype html><title>IdP</title><p>session cookie, no login status</p>");
            }
            case "/.well-known/web-identity" -> {
                if (serveWellKnown) {
                    send(exchange, 200, "application/json", "{\"provider_urls\":[\"" + self + "/fedcm/config.json\"]}");
                } else {
                    send(exchange, 404, "text/plain", "not found");
                }
            }
            case "/fedcm/config.json" -> send(exchange, 200, "application/json",
                    "{\"accounts_endpoint\":\"/fedcm/accounts\",\"id_assertion_endpoint\":\"/fedcm/assertion\","
                            + "\"login_url\":\"/login\",\"branding\":{\"name\":\"Probe IdP\"}}");
            case "/fedcm/accounts" -> {
                boolean fedcmFetch = "webidentity".equals(dest);
                String accounts = fedcmFetch && cookies.contains(SESSION_COOKIE)
                        ? "{\"accounts\":[{\"id\":\"alice\",\"name\":\"Alice Example\",\"given_name\":\"Alice\","
                                + "\"email\":\"alice@example.test\",\"approved_clients\":[]}]}"
                        : "{\"accounts\":[]}";
                send(exchange, 200, "application/json", accounts);
            }
            case "/fedcm/assertion" -> {
                Map<String, String> form = form(exchange);
                String origin = exchange.getRequestHeaders().getFirst("Origin");
                idpLog.add("assertion form-keys=" + form.keySet() + " client_id=" + form.get("client_id")
                        + " account_id=" + form.get("account_id"));
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
                boolean ok = "webidentity".equals(dest) && cookies.contains(SESSION_COOKIE) && CLIENT_ID.equals(form.get("client_id"));
                send(exchange, ok ? 200 : 400, "application/json",
                        ok ? "{\"token\":\"" + TOKEN + form.get("account_id") + "\"}" : "{\"error\":{\"code\":\"invalid_request\"}}");
            }
            default -> send(exchange, 404, "text/plain", "not found");
        }
    }

    private void rp(HttpExchange exchange) throws IOException {
        // Passive mode needs no user gesture; the outcome lands in window.fedcm for the test to poll.
        send(exchange, 200, "text/html", """
                <!doctype html><title>RP</title><p>relying party</p>
                <script>
                window.signIn = function (configURL, clientId) {
                  window.fedcm = null;
                  navigator.credentials.get({identity: {providers: [{configURL, clientId, nonce: 'n-1', params: {nonce: 'n-1'}}]}})
                    .then(c => { window.fedcm = {token: c.token, type: c.type, isAutoSelected: c.isAutoSelected}; })
                    .catch(e => { window.fedcm = {error: e.name + ': ' + e.message}; });
                };
                </script>""");
    }

    private static List<String> cookieNames(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Cookie");
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(";")).map(c -> c.trim().split("=", 2)[0]).sorted().toList();
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(body.split("&")).filter(p -> !p.isEmpty()).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                            p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
