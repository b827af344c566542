package io.storezero.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.testsupport.Authorize;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.TestPageBrowser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The shared headless Chromium ({@link HeadlessChromium}) on the bench page. It signs in once by Keycloak's form, as
 * a user would, then runs one variant per call and counts the HTTP requests each made from Chromium's own DevTools
 * {@code Network.requestWillBeSent} events (ChromeDriver's performance log): every redirect hop is one, and cached or
 * not, a request the browser makes is counted.
 */
public final class BenchBrowser extends TestPageBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(40);

    /** One measurement: time to tokens in hand, whether tokens came, and the requests it took. */
    public record Sample(double millis, boolean tokens, int requests, String error) {
    }

    private final ChromeDriver driver;

    private BenchBrowser(ChromeDriver driver) {
        super(driver);
        this.driver = driver;
    }

    public static BenchBrowser start() {
        ChromeOptions options = HeadlessChromium.options();
        // The popup variant opens its window from script, with no user gesture (Selenium's scripts give none):
        // Chromium's popup blocker would stop it, so it is off in this one profile.
        options.addArguments("--disable-popup-blocking");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriver driver = HeadlessChromium.start(options, TIMEOUT);
        driver.manage().timeouts().scriptTimeout(ANSWER_TIMEOUT);
        return new BenchBrowser(driver);
    }

    public String chromiumVersion() {
        return driver.getCapabilities().getBrowserVersion();
    }

    /** Signs {@code user} in by Keycloak's login form at top level, as a user would before any silent renewal. */
    public void signIn(String keycloakUrl, String realm, String origin, String user, String password) {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        open(Authorize.at(keycloakUrl, realm).client("bench-code", origin + "/callback.html")
                .param("response_type", "code").param("scope", "openid").param("response_mode", "fragment")
                .param("state", Authorize.random()).param("nonce", Authorize.random())
                .param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256").url());
        login(user, password);
        await("the callback page after the login", () -> driver.getCurrentUrl().startsWith(origin + "/callback.html") ? Boolean.TRUE : null);
    }

    /** Opens the bench page and waits for its module (and keycloak-js) to load. */
    public void openBenchPage(String origin, String keycloakUrl, String realm) {
        open(origin + "/bench.html?keycloak=" + URLEncoder.encode(keycloakUrl, StandardCharsets.UTF_8)
                + "&realm=" + URLEncoder.encode(realm, StandardCharsets.UTF_8));
        await("the bench page's script", () -> Boolean.TRUE.equals(script("return window.benchReady === true;")) ? Boolean.TRUE : null);
        requestsSinceLastCall();
    }

    public Sample run(Variant variant) {
        requestsSinceLastCall();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.benchRun(arguments[0]).then(done);", variant.id());
        int requests = requestsSinceLastCall();
        Object error = answer.get("error");
        return new Sample(((Number) answer.get("ms")).doubleValue(), Boolean.TRUE.equals(answer.get("tokens")), requests,
                error == null ? null : error.toString());
    }

    /** The HTTP(S) requests Chromium sent since the last call, redirect hops included. */
    private int requestsSinceLastCall() {
        int count = 0;
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())
                        && message.path("params").path("request").path("url").asText().startsWith("http")) {
                    count++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable DevTools event", e);
            }
        }
        return count;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
