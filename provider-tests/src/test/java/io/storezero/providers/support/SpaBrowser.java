package io.storezero.providers.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.storezero.providers.framework.SpaPages;
import io.storezero.testsupport.Poll;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The framework's browser seen from an SPA test page ({@code pages/app.html}): open hidden iframes and popups, read the
 * web messages the page received, fill Keycloak's login form, read the console.
 */
public final class SpaBrowser {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ManagedWebDriver managed;

    public SpaBrowser(ManagedWebDriver managed) {
        this.managed = managed;
    }

    public WebDriver driver() {
        return managed.driver();
    }

    public void open(String url) {
        managed.open(url);
    }

    /** Forgets every cookie of every site (the framework's cookie helper only sees the current one). */
    public void clearAllCookies() {
        ((ChromeDriver) driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** A hidden iframe to {@code url}, as SDKs open one for silent authentication. */
    public void silent(String url) {
        script("silent(arguments[0])", url);
    }

    /** A popup to {@code url}, as SDKs open one for popup login. */
    public void popup(String url) {
        script("popup(arguments[0])", url);
    }

    /** Makes the current document a test page, as if it had been served with the helpers of {@code pages/app.html}. */
    public void installTestHelpers() {
        script(SpaPages.helperScript());
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> received() {
        return (List<Map<String, Object>>) script("return window.received;");
    }

    public Map<String, Object> awaitMessage() {
        return await("a web message", () -> received().isEmpty() ? null : received().get(0));
    }

    public void awaitFrameLoads(long count) {
        await(count + " iframe loads", () -> ((Number) script("return window.frameLoads;")).longValue() >= count ? Boolean.TRUE : null);
    }

    /** Fills and submits Keycloak's username/password form in the current window. */
    public void login(String username, String password) {
        WebElement user = await("Keycloak's login form", () -> first(By.id("username")));
        user.clear();
        user.sendKeys(username);
        driver().findElement(By.id("password")).sendKeys(password);
        driver().findElement(By.id("kc-login")).click();
    }

    public void switchToOtherWindow(String current) {
        String other = await("a second window", () -> driver().getWindowHandles().stream().filter(h -> !h.equals(current)).findFirst().orElse(null));
        driver().switchTo().window(other);
    }

    public Set<String> windows() {
        return driver().getWindowHandles();
    }

    /** Closes every window but {@code keep}, and returns to it. */
    public void closeOtherWindows(String keep) {
        for (String handle : windows()) {
            if (!handle.equals(keep)) {
                driver().switchTo().window(handle).close();
            }
        }
        driver().switchTo().window(keep);
    }

    public WebElement first(By by) {
        List<WebElement> found = driver().findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Console messages since the last call (CSP violations show up here). */
    public String consoleLog() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"));
    }

    /** DevTools events since the last call: the URLs of the documents loaded at top level. */
    public List<String> topLevelNavigations() {
        return driver().manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("\"Page.frameNavigated\"") && !m.contains("\"parentId\""))
                .collect(Collectors.toList());
    }

    /** Polls {@code probe} until it answers non-null, or fails after {@link #TIMEOUT}. */
    public static <T> T await(String what, Supplier<T> probe) {
        return Poll.until(TIMEOUT, what, probe);
    }

    /** Waits out {@code duration}: for tests that prove something does not happen within it. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
