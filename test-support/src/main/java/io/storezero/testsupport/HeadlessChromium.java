package io.storezero.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's ChromeDriver: the only browser in which web messages, iframes, CSP and
 * cookies are what users get. Nothing is downloaded (Selenium Manager is never asked), every driver gets a fresh
 * profile, and ChromeDriver listens on a free port, so suites run beside each other and beside the demo.
 *
 * <p>Chromium and ChromeDriver are found on the PATH ({@code chromium}, else {@code chromium-browser} or
 * {@code google-chrome}; {@code chromedriver}); {@code -Dstorezero.chromium} and {@code -Dstorezero.chromedriver} name
 * them instead. A suite that needs them says {@link Prerequisite#CHROMIUM} and is skipped, in one line, without them.
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
        options.setBinary(chromium().orElseThrow(() -> new IllegalStateException(
                "no Chromium: put chromium on the PATH or set -Dstorezero.chromium")).toString());
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
                .usingDriverExecutable(chromedriver().orElseThrow(() -> new IllegalStateException(
                        "no ChromeDriver: put chromedriver on the PATH or set -Dstorezero.chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(pageLoadTimeout);
        return driver;
    }

    /** The Chromium binary: {@code -Dstorezero.chromium}, else the first of the usual names on the PATH. */
    public static Optional<Path> chromium() {
        return executable("storezero.chromium", "chromium", "chromium-browser", "google-chrome");
    }

    /** ChromeDriver: {@code -Dstorezero.chromedriver}, else {@code chromedriver} on the PATH. */
    public static Optional<Path> chromedriver() {
        return executable("storezero.chromedriver", "chromedriver");
    }

    private static Optional<Path> executable(String property, String... names) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        for (String name : names) {
            Optional<Path> found = Prerequisite.onPath(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
