package io.storezero.providers.framework;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.keycloak.testframework.ui.webdriver.AbstractWebDriverSupplier;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * The framework's {@code @InjectWebDriver}, as Debian's headless Chromium with what the web_message tests read: the
 * browser console (CSP violations) and DevTools' page events (which documents loaded where). Selected by
 * {@code kc.test.browser=storezero-chromium} (this module's POM). The framework's own {@code chrome-headless} has
 * neither log, and lets Chromium's background services dial out, which a closed network turns into noise.
 */
public final class ChromiumWebDriverSupplier extends AbstractWebDriverSupplier {

    @Override
    public String getAlias() {
        return "storezero-chromium";
    }

    @Override
    public WebDriver getWebDriver() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("storezero.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("storezero.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
