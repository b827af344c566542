package io.storezero.testsupport;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's ChromeDriver: the only browser in which web messages, iframes, CSP and
 * cookies are what users get. Nothing is downloaded (Selenium Manager is never asked), every driver gets a fresh
 * profile, and ChromeDriver listens on a free port, so suites run beside each other and beside the demo.
 *
 * <p>{@code -Dstorezero.chromium} and {@code -Dstorezero.chromedriver} point elsewhere than {@code /usr/bin}.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * The options every suite starts from: headless, no sandbox (CI containers have none), no background traffic
     * (updates, sync, QUIC) that would add requests the tests do not make. Add suite-specific arguments and
     * capabilities to the answer before {@link #start}.
     */
    public static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("storezero.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900");
        return options;
    }

    /**
     * Pins whether the profile accepts third-party cookies, so a suite never depends on the installed Chromium's
     * default (a fresh headless profile of Chromium 156 blocks them; older builds allowed them). Blocked means a
     * cross-site iframe, such as a silent {@code prompt=none} frame on another site than the page, is sent no cookie
     * and {@code document.hasStorageAccess()} answers false; same-site frames are unaffected either way.
     *
     * <p>Sets the profile preference {@code profile.cookie_controls_mode} (0 = allow, 1 = block third-party cookies)
     * through ChromeDriver's {@code prefs}; it replaces any {@code prefs} set before, none are set by {@link #options}.
     *
     * @return {@code options}, for chaining
     */
    public static ChromeOptions thirdPartyCookies(ChromeOptions options, boolean allowed) {
        options.setExperimentalOption("prefs", Map.of("profile.cookie_controls_mode", allowed ? 0 : 1));
        return options;
    }

    /** Starts Chromium with {@code options}; pages that do not load within {@code pageLoadTimeout} fail the call. */
    public static ChromeDriver start(ChromeOptions options, Duration pageLoadTimeout) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("storezero.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(pageLoadTimeout);
        return driver;
    }
}
