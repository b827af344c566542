package io.storezero.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.Poll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The shared headless Chromium ({@link HeadlessChromium}) set up for this suite: it trusts the run's test certificate
 * and keeps the console and DevTools logs, and it knows the test pages' helpers ({@code pages/app.html}).
 */
public final class Chromium implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Chromium start() {
        ChromeOptions options = HeadlessChromium.options();
        // Trust the run's self-signed Keycloak certificate, and only it.
        options.addArguments("--ignore-certificate-errors-spki-list=" + TestTls.get().spkiSha256());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        return new Chromium(HeadlessChromium.start(options, TIMEOUT));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Turns the current document into a test page: installs the helpers of {@code pages/app.html} (listener,
     * {@code silent}, {@code popup}, {@code exchangeCode}) into it, as if it had been served with them.
     */
    public void installTestHelpers() {
        script(TestPages.helperScript());
    }

    /** The messages the test page received so far. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> received() {
        return (List<Map<String, Object>>) script("return window.received;");
    }

    /** Waits for the first message the test page receives. */
    public Map<String, Object> awaitMessage() {
        return await("a web message", () -> received().isEmpty() ? null : received().get(0));
    }

    /** Waits until the test page's iframes have loaded {@code count} documents. */
    public void awaitFrameLoads(long count) {
        await(count + " iframe loads", () -> ((Number) script("return window.frameLoads;")).longValue() >= count ? Boolean.TRUE : null);
    }

    /** Fills and submits Keycloak's username/password form in the current window. */
    public void login(String username, String password) {
        WebElement user = await("Keycloak's login form", () -> first(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public void switchToOtherWindow(String current) {
        String other = await("a second window", () -> driver.getWindowHandles().stream().filter(h -> !h.equals(current)).findFirst().orElse(null));
        driver.switchTo().window(other);
    }

    public Set<String> windows() {
        return driver.getWindowHandles();
    }

    public WebElement first(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Console messages of the browser since the last call (CSP violations show up here). */
    public String consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"));
    }

    /** A document the browser navigated to: the top-level page, or a frame in it. */
    public record Navigation(String url, boolean topLevel) {
    }

    /** The documents loaded since the last call, in order, read from Chromium's DevTools events. */
    public List<Navigation> navigations() {
        List<Navigation> navigations = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Page.frameNavigated".equals(message.path("method").asText())) {
                    JsonNode frame = message.path("params").path("frame");
                    navigations.add(new Navigation(frame.path("url").asText() + frame.path("urlFragment").asText(), !frame.has("parentId")));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable DevTools event", e);
            }
        }
        return navigations;
    }

    public static <T> T await(String what, Supplier<T> probe) {
        return await(TIMEOUT, what, probe);
    }

    /** Polls {@code probe} until it answers non-null, or fails after {@code timeout} ({@link Poll#until}). */
    public static <T> T await(Duration timeout, String what, Supplier<T> probe) {
        return Poll.until(timeout, what, probe);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
