package io.storezero.providers.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.storezero.testsupport.TestPageBrowser;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** The framework's browser ({@code @InjectWebDriver}, Chromium) seen from the SPA test page. */
public final class SpaBrowser extends TestPageBrowser {

    public SpaBrowser(ManagedWebDriver managed) {
        super(managed.driver());
    }

    /** Forgets every cookie of every site (the framework's cookie helper only sees the current one). */
    public void clearAllCookies() {
        ((ChromeDriver) driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** DevTools events since the last call: the documents loaded at top level. */
    public List<String> topLevelNavigations() {
        return driver().manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("\"Page.frameNavigated\"") && !m.contains("\"parentId\""))
                .collect(Collectors.toList());
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
