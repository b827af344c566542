package io.storezero.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.TestPageBrowser;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The shared headless Chromium ({@link HeadlessChromium}) set up for this suite: it trusts the run's test certificate
 * and keeps the console and DevTools logs; the test page's helpers come from {@link TestPageBrowser}.
 */
public final class Chromium extends TestPageBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        super(driver);
        this.driver = driver;
    }

    public static Chromium start() {
        ChromeOptions options = HeadlessChromium.options();
        // Trust the run's self-signed Keycloak certificate, and only it.
        options.addArguments("--ignore-certificate-errors-spki-list=" + TestTls.get().spkiSha256());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        return new Chromium(HeadlessChromium.start(options, TIMEOUT));
    }

    @Override
    public ChromeDriver driver() {
        return driver;
    }

    /** A document the browser navigated to: the top-level page, or a frame in it. */
    public record Navigation(String url, boolean topLevel) {
    }

    /** The documents loaded since the last call, in order, read from Chromium's DevTools events. */
    public List<Navigation> navigations() {
        List<Navigation> navigations = new ArrayList<>();
        for (LogEntry entry : driver().manage().logs().get(LogType.PERFORMANCE).getAll()) {
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

    @Override
    public void close() {
        driver.quit();
    }
}
