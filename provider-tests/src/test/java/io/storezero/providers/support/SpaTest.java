package io.storezero.providers.support;

import io.storezero.providers.framework.InjectSpaPages;
import io.storezero.providers.framework.SpaPages;
import io.storezero.testsupport.KeycloakUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Chromium and the SPA pages, for every browser test of this module; each test starts without cookies. Subclasses
 * inject their realms and carry {@code @KeycloakIntegrationTest(config = StorezeroServerConfig.class)}, so one server
 * serves them all.
 */
public abstract class SpaTest {

    @InjectWebDriver
    protected ManagedWebDriver webDriver;

    @InjectSpaPages
    protected SpaPages pages;

    @InjectKeycloakUrls
    protected KeycloakUrls keycloakUrls;

    protected SpaBrowser browser;

    /** The framework's Keycloak, as test-support names the Keycloak a test talks to (its admin client is injected). */
    protected KeycloakUnderTest keycloak() {
        return KeycloakUnderTest.of(KeycloakUnderTest.Mode.TEST_FRAMEWORK, keycloakUrls.getBase().replaceAll("/+$", ""));
    }

    @BeforeEach
    void withoutCookies() {
        browser = new SpaBrowser(webDriver);
        browser.clearAllCookies();
    }
}
