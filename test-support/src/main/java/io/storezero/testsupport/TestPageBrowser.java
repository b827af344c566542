package io.storezero.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A browser seen from the SPA test page, {@code pages/app.html} (in this jar): the page that frames, opens and listens
 * as an SPA does. Open hidden iframes and popups, read the web messages the page received, fill Keycloak's login form,
 * read the console. Each suite makes its own driver (its certificates, its logs) and hands it here.
 */
public class TestPageBrowser {

    /** How long anything a browser does on its own time may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The test page, on the classpath of every suite that depends on this module. */
    public static final String PAGE = "/pages/app.html";

    private final WebDriver driver;

    protected TestPageBrowser(WebDriver driver) {
        this.driver = driver;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A hidden iframe to {@code url}, as SDKs open one for silent authentication. */
    public void silent(String url) {
        script("silent(arguments[0])", url);
    }

    /** A popup to {@code url}, as SDKs open one for popup login. */
    public void popup(String url) {
        script("popup(arguments[0])", url);
    }

    /**
     * Turns the current document into a test page: installs the helpers of {@code pages/app.html} (listener,
     * {@code silent}, {@code popup}, {@code exchangeCode}) into it, as if it had been served with them.
     */
    public void installTestHelpers() {
        script(helperScript());
    }

    /** The messages the test page received so far, each {@code {origin, data, fromPopup}}. */
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

    /**
     * The Facebook login of the shipped realms, from storezero's sign-in page in the current window: "Continue with
     * Facebook", the simulated Facebook (the realm at {@code facebookRealmUrl}, {@code <keycloak>/realms/facebook}) and
     * its login form, submitted. What follows (the broker's callback, a first login, the answer) is the caller's to
     * await.
     */
    public void continueWithFacebook(String facebookRealmUrl, String username, String password) {
        await("Continue with Facebook on the storezero sign-in page", () -> first(By.id("social-facebook"))).click();
        await("the simulated Facebook", () -> driver.getCurrentUrl().startsWith(facebookRealmUrl + "/") ? Boolean.TRUE : null);
        login(username, password);
    }

    public void switchToOtherWindow(String current) {
        String other = await("a second window", () -> driver.getWindowHandles().stream().filter(h -> !h.equals(current)).findFirst().orElse(null));
        driver.switchTo().window(other);
    }

    public Set<String> windows() {
        return driver.getWindowHandles();
    }

    /** Closes every window but {@code keep}, and returns to it. */
    public void closeOtherWindows(String keep) {
        for (String handle : windows()) {
            if (!handle.equals(keep)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(keep);
    }

    public WebElement first(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Console messages since the last call (CSP violations show up here); the driver must keep the browser log. */
    public String consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).collect(Collectors.joining("\n"));
    }

    public static <T> T await(String what, Supplier<T> probe) {
        return await(TIMEOUT, what, probe);
    }

    /** Polls {@code probe} until it answers non-null, or fails after {@code timeout} ({@link Poll#until}). */
    public static <T> T await(Duration timeout, String what, Supplier<T> probe) {
        return Poll.until(timeout, what, probe);
    }

    /** The script of {@code pages/app.html}: what makes any document a test page. */
    public static String helperScript() {
        String page = new String(page(), StandardCharsets.UTF_8);
        return page.substring(page.indexOf("<script>") + "<script>".length(), page.indexOf("</script>"));
    }

    /** The bytes of {@code pages/app.html}, for a server that serves it. */
    public static byte[] page() {
        try (InputStream in = TestPageBrowser.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + PAGE + " in test-support");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
