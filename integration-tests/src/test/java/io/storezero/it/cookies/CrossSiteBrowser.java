package io.storezero.it.cookies;

import java.util.List;
import java.util.Map;

import io.storezero.it.support.TestTls;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.TestPageBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Chromium with third-party cookies pinned (allowed or blocked, {@link HeadlessChromium#thirdPartyCookies}),
 * never left to the profile's default, which changed between Chromium releases. It trusts the run's test certificate
 * like the suite's own browser. Tests open one per matrix cell (or one at a time, {@link CrossSiteTest}), so that no
 * cookie or setting leaks from one cell into the next.
 */
final class CrossSiteBrowser extends TestPageBrowser implements AutoCloseable {

    private final ChromeDriver driver;

    private CrossSiteBrowser(ChromeDriver driver) {
        super(driver);
        this.driver = driver;
    }

    static CrossSiteBrowser start(boolean thirdPartyCookiesAllowed) {
        ChromeOptions options = HeadlessChromium.thirdPartyCookies(HeadlessChromium.options(), thirdPartyCookiesAllowed);
        options.addArguments("--ignore-certificate-errors-spki-list=" + TestTls.get().spkiSha256());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new CrossSiteBrowser(HeadlessChromium.start(options, TIMEOUT));
    }

    @Override
    public ChromeDriver driver() {
        return driver;
    }

    /** Forgets cookies and any storage-access grant: every test starts as a new visitor. */
    void forgetEverything() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Browser.resetPermissions", Map.of());
    }

    /**
     * What the user's "Allow" in Chromium's storage-access prompt records: headless Chromium shows no prompt and
     * refuses, so the test gives the answer through DevTools ({@code Browser.setPermission}, top-level site
     * {@code topOrigin}, embedded site {@code embeddedOrigin}). The user gesture is still a real click.
     */
    void allowStorageAccess(String topOrigin, String embeddedOrigin) {
        driver.executeCdpCommand("Browser.setPermission", Map.of(
                "permission", Map.of("name", "storage-access"), "setting", "granted",
                "origin", topOrigin, "embeddedOrigin", embeddedOrigin));
    }

    /** Opens {@code url} in a popup from a real click on a button of the current page: a user gesture, as browsers require. */
    void popupFromClick(String url) {
        script("var url = arguments[0], b = document.createElement('button'); b.id = 'open-popup'; b.textContent = 'Continue';"
                + "b.addEventListener('click', function () { popup(url); }); document.body.appendChild(b);", url);
        driver.findElement(By.id("open-popup")).click();
    }

    /** The messages received so far whose {@code data.type} is {@code type}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> received(String type) {
        return received().stream().filter(m -> m.get("data") instanceof Map<?, ?> data && type.equals(data.get("type"))).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
