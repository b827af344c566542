package io.storezero.it.cookies;

import java.util.Map;

import io.storezero.it.support.TestTls;
import io.storezero.testsupport.HeadlessChromium;
import io.storezero.testsupport.TestPageBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium with third-party cookies pinned allowed or blocked ({@link HeadlessChromium#thirdPartyCookies}),
 * trusting the run's test certificate as the suite's other browsers do: one browser per matrix cell, so that no
 * cookie or setting leaks from one cell into the next.
 */
final class CookieBrowser extends TestPageBrowser implements AutoCloseable {

    private final ChromeDriver driver;
    private final boolean thirdPartyCookiesAllowed;

    private CookieBrowser(ChromeDriver driver, boolean thirdPartyCookiesAllowed) {
        super(driver);
        this.driver = driver;
        this.thirdPartyCookiesAllowed = thirdPartyCookiesAllowed;
    }

    static CookieBrowser start(boolean thirdPartyCookiesAllowed) {
        ChromeOptions options = HeadlessChromium.thirdPartyCookies(HeadlessChromium.options(), thirdPartyCookiesAllowed);
        options.addArguments("--ignore-certificate-errors-spki-list=" + TestTls.get().spkiSha256());
        return new CookieBrowser(HeadlessChromium.start(options, TIMEOUT), thirdPartyCookiesAllowed);
    }

    @Override
    public ChromeDriver driver() {
        return driver;
    }

    boolean thirdPartyCookiesAllowed() {
        return thirdPartyCookiesAllowed;
    }

    /** Opens {@code url} in a popup from a real click on a button of the current page: a user gesture, as browsers require. */
    void popupFromClick(String url) {
        script("var url = arguments[0], b = document.createElement('button'); b.id = 'open-popup'; b.textContent = 'Continue';"
                + "b.addEventListener('click', function () { popup(url); }); document.body.appendChild(b);", url);
        driver.findElement(By.id("open-popup")).click();
    }

    /** Removes every cookie of the profile, through DevTools. */
    void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
