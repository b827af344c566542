package io.storezero.container;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.Poll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The shared headless Chromium ({@link HeadlessChromium}, as integration-tests starts it), with what a container test
 * does in it: no TLS, no DevTools logs.
 */
final class Browser implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        return new Browser(HeadlessChromium.start(HeadlessChromium.options(), TIMEOUT));
    }

    void open(String url) {
        driver.get(url);
    }

    void silent(String url) {
        driver.executeScript("silent(arguments[0])", url);
    }

    /** The first message the page received, waited for. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitMessage() {
        return await("a web message", () -> {
            List<Map<String, Object>> received = (List<Map<String, Object>>) driver.executeScript("return window.received;");
            return received.isEmpty() ? null : received.get(0);
        });
    }

    /** Fills and submits the login form of the current window. */
    void login(String username, String password) {
        WebElement user = await("the login form", () -> driver.findElements(By.id("username")).stream().findFirst().orElse(null));
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Polls {@code probe} until it answers non-null, or fails after {@link #TIMEOUT}. */
    static <T> T await(String what, Supplier<T> probe) {
        return Poll.until(TIMEOUT, what, probe);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
