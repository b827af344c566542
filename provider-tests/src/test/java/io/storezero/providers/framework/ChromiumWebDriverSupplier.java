package io.storezero.providers.framework;

import java.time.Duration;
import java.util.Map;

import io.storezero.testsupport.HeadlessChromium;
import org.keycloak.testframework.ui.webdriver.AbstractWebDriverSupplier;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * The framework's {@code @InjectWebDriver}, as the project's one Chromium set-up ({@link HeadlessChromium}) with what
 * the web_message tests read: the browser console (CSP violations) and DevTools' page events (which documents loaded
 * where). Selected by
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
        ChromeOptions options = HeadlessChromium.options();
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        return HeadlessChromium.start(options, Duration.ofSeconds(20));
    }
}
