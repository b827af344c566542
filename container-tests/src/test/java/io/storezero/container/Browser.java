package io.storezero.container;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's ChromeDriver, set up as integration-tests' Chromium does (the same
 * flags, nothing downloaded, a fresh profile), cut to what a container test needs: no TLS, no DevTools logs.
 */
final class Browser implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("storezero.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("storezero.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
        return new Browser(driver);
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
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
