package io.storezero.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.storezero.it.support.Chromium;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import io.storezero.it.support.TestPages;
import io.storezero.testsupport.Authorize;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * The bundle's switches in Keycloak's own admin console (the runner starts Keycloak with the {@code declarative-ui}
 * feature that shows ui-tab providers): an administrator signs in once, opens a client's Storezero tab and the realm's
 * Storezero realm tab, flips a switch, saves, and the endpoint's behaviour changes; the tab shows the saved value when
 * it loads again. A throwaway realm, so no other test sees the switches move. Screenshots of both tabs go to
 * {@code target/screenshots/}.
 */
@ExtendWith(StorezeroServer.class)
class AdminConsoleSwitchesIT {

    private static final String REALM = "console-it";
    private static final String CLIENT = "console-spa";
    private static final String CONSOLE = StorezeroServer.KEYCLOAK_URL + "/admin/master/console/";
    private static final String REDIRECT_URI = TestPages.APP_ORIGIN + "/callback";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();

    /** The console's first load (its bundle, then the realm and server info) is slow on a busy 2-core machine. */
    private static final java.time.Duration SLOW = java.time.Duration.ofSeconds(60);

    private static Chromium browser;
    private static String clientUuid;

    @BeforeAll
    static void realmAndConsoleLogin() {
        ADMIN.removeRealm(REALM);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(REALM);
        realm.setEnabled(true);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(REDIRECT_URI));
        client.setWebOrigins(List.of(TestPages.APP_ORIGIN));
        realm.setClients(List.of(client));
        ADMIN.client().realms().create(realm);
        clientUuid = ADMIN.realm(REALM).clients().findByClientId(CLIENT).get(0).getId();

        browser = Chromium.start();
        browser.open(CONSOLE);
        browser.login(System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        Chromium.await(SLOW, "the admin console after login", () -> browser.driver().getCurrentUrl().startsWith(CONSOLE)
                && !browser.driver().findElements(By.cssSelector("[data-testid='realmSelector'], nav")).isEmpty() ? Boolean.TRUE : null);
    }

    @AfterAll
    static void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        ADMIN.removeRealm(REALM);
    }

    @Test
    void theClientTabTurnsWebMessageOffAndOnAgain() throws Exception {
        assertThat(webMessageAuthorize()).as("web_message answered before").isEqualTo(200);

        openTab(CONSOLE + "#/" + REALM + "/clients/" + clientUuid + "/settings", "Storezero", "webMessage");
        assertThat(isOn("webMessage")).as("web_message shown on (its default)").isTrue();
        assertThat(isOn("storageAccess")).isTrue();
        assertThat(isOn("fedcm")).isFalse();
        screenshot("admin-console-client-tab.png");

        toggleAndSave("webMessage");
        awaitClientAttribute("storezero.web_message.enabled", "false");
        assertThat(webMessageAuthorize()).as("web_message refused once switched off").isEqualTo(302);
        assertThat(lastLocation).contains("error=invalid_request");
        Map<String, String> attributes = ADMIN.realm(REALM).clients().get(clientUuid).toRepresentation().getAttributes();
        assertThat(attributes).as("the switches the admin left alone are not written")
                .doesNotContainKeys("storezero.fedcm.enabled", "storezero.storage_access.enabled");

        browser.driver().navigate().refresh();
        awaitSwitch("webMessage");
        assertThat(isOn("webMessage")).as("the tab loads the saved value").isFalse();

        toggleAndSave("webMessage");
        awaitClientAttribute("storezero.web_message.enabled", "true");
        assertThat(webMessageAuthorize()).as("web_message answered again").isEqualTo(200);
    }

    @Test
    void theRealmTabTurnsTheAuth0EndpointsOnAndOffAgain() throws Exception {
        assertThat(auth0Discovery()).as("off by default").isEqualTo(404);

        openTab(CONSOLE + "#/" + REALM + "/realm-settings/general", "Storezero realm", "auth0");
        assertThat(isOn("auth0")).isFalse();
        assertThat(isOn("fedcmDynamicClients")).isFalse();

        toggleAndSave("auth0");
        awaitRealmAttribute("storezero.auth0.enabled", "true");
        assertThat(auth0Discovery()).as("switched on").isEqualTo(200);

        browser.driver().navigate().refresh();
        awaitSwitch("auth0");
        assertThat(isOn("auth0")).as("the tab loads the saved value").isTrue();
        // The tab bar overflows: scroll it to its end, where the bundle's tab is, for the picture.
        WebElement realmTab = browser.driver().findElement(By.xpath("//a[normalize-space(.)='Storezero realm']"));
        browser.script("const list = arguments[0].closest('ul'); list.style.scrollBehavior = 'auto';"
                + " list.scrollLeft = list.scrollWidth;", realmTab);
        Chromium.await("the tab bar scrolled to its end", () -> Boolean.TRUE.equals(browser.script("const list = arguments[0].closest('ul');"
                + " return list.scrollLeft + list.clientWidth >= list.scrollWidth - 1;", realmTab)) ? Boolean.TRUE : null);
        screenshot("admin-console-realm-tab.png");

        toggleAndSave("auth0");
        awaitRealmAttribute("storezero.auth0.enabled", "false");
        assertThat(auth0Discovery()).as("switched off again").isEqualTo(404);
        assertThat(ADMIN.realm(REALM).toRepresentation().getAttributes()).doesNotContainKey("storezero.fedcm.dynamic-clients");
    }

    /**
     * Loads a console page as a new document, then opens the bundle's tab on it by its title and waits for the form's
     * switch. A new document because the console takes its realm from the URL only at load and on its own
     * navigation: a hash typed into the address bar of a loaded console leaves its API calls on the previous realm.
     */
    private static void openTab(String page, String title, String field) {
        browser.open("about:blank");
        browser.open(page);
        WebElement tab = Chromium.await(SLOW, "the " + title + " tab", () -> browser.driver()
                .findElements(By.xpath("//a[normalize-space(.)='" + title + "']")).stream().findFirst().orElse(null));
        // The realm settings tab bar overflows at this window size: a script click reaches a tab scrolled out of view.
        browser.script("arguments[0].click();", tab);
        awaitSwitch(field);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/storezero");
    }

    private static WebElement awaitSwitch(String field) {
        return Chromium.await(SLOW, "switch " + field, () -> browser.driver().findElements(By.id(field)).stream().findFirst().orElse(null));
    }

    private static boolean isOn(String field) {
        return Boolean.TRUE.equals(browser.script("return document.getElementById(arguments[0]).checked;", field));
    }

    /** Flips the switch (a click on PatternFly's visually hidden checkbox) and presses the form's Save. */
    private static void toggleAndSave(String field) {
        boolean before = isOn(field);
        browser.script("document.getElementById(arguments[0]).click();", field);
        Chromium.await("switch " + field + " flipped", () -> isOn(field) != before ? Boolean.TRUE : null);
        browser.driver().findElement(By.xpath("//form[.//input[@id='" + field + "']]//button[@data-testid='save']")).click();
        Chromium.await("the console's confirmation", () -> browser.driver().getPageSource().contains("Saved successfully") ? Boolean.TRUE : null);
    }

    private static void awaitClientAttribute(String name, String value) {
        Chromium.await(name + "=" + value + " on the client", () -> value.equals(
                ADMIN.realm(REALM).clients().get(clientUuid).toRepresentation().getAttributes().get(name)) ? Boolean.TRUE : null);
    }

    private static void awaitRealmAttribute(String name, String value) {
        Chromium.await(name + "=" + value + " on the realm", () -> value.equals(
                ADMIN.realm(REALM).toRepresentation().getAttributes().get(name)) ? Boolean.TRUE : null);
    }

    private static String lastLocation;

    /** A silent web_message request without a session: the mode's page (200) when on, Keycloak's 302 error when off. */
    private static int webMessageAuthorize() throws IOException, InterruptedException {
        String url = Authorize.at(StorezeroServer.KEYCLOAK_URL, REALM).client(CLIENT, REDIRECT_URI).param("response_type", "code")
                .param("scope", "openid").param("state", Authorize.random()).param("prompt", "none")
                .param("response_mode", "web_message").param("code_challenge", Authorize.Pkce.create().challenge())
                .param("code_challenge_method", "S256").url();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        lastLocation = response.headers().firstValue("Location").orElse("");
        return response.statusCode();
    }

    private static int auth0Discovery() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(StorezeroServer.KEYCLOAK_URL + "/realms/" + REALM
                + "/auth0/.well-known/openid-configuration")).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void screenshot(String name) throws IOException {
        Path file = Path.of("target/screenshots", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
    }
}
