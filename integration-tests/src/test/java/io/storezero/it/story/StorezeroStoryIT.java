package io.storezero.it.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.storezero.it.support.Chromium;
import io.storezero.it.support.Chromium.Navigation;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The seed's story, end to end, in Chromium: the real Storezero.io app (./storezero), the real Keycloak with the
 * bundle and the imported realms, the simulated Facebook. Each step is asserted through the browser and its
 * navigations, so a silent degradation (a top-level redirect where the iframe should do the work) fails the test.
 */
@ExtendWith(StorezeroServer.class)
class StorezeroStoryIT {

    private static final String APP = StorezeroServer.APP_URL;
    private static final String KEYCLOAK = StorezeroServer.KEYCLOAK_URL;
    private static final String STOREZERO = KEYCLOAK + "/realms/storezero";
    private static final String FACEBOOK = KEYCLOAK + "/realms/facebook";
    /** Short enough that renewal happens during the test, long enough for the steps in between. */
    private static final int ACCESS_TOKEN_SECONDS = 40;

    private static Chromium browser;
    private static final KeycloakAdmin admin = KeycloakAdmin.local();
    private static RealmRepresentation realmLifetimes;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        RealmRepresentation realm = admin.realm("storezero").toRepresentation();
        // Only the lifetimes: a realm update leaves out what the representation leaves null.
        realmLifetimes = new RealmRepresentation();
        realmLifetimes.setAccessTokenLifespan(realm.getAccessTokenLifespan());
        realmLifetimes.setAccessTokenLifespanForImplicitFlow(realm.getAccessTokenLifespanForImplicitFlow());
        realmLifetimes.setSsoSessionIdleTimeout(realm.getSsoSessionIdleTimeout());
        realmLifetimes.setSsoSessionMaxLifespan(realm.getSsoSessionMaxLifespan());
        RealmRepresentation shortTokens = new RealmRepresentation();
        shortTokens.setAccessTokenLifespan(ACCESS_TOKEN_SECONDS);
        shortTokens.setAccessTokenLifespanForImplicitFlow(ACCESS_TOKEN_SECONDS);
        admin.realm("storezero").update(shortTokens);
    }

    @AfterAll
    static void stop() {
        if (realmLifetimes != null) {
            admin.realm("storezero").update(realmLifetimes);
        }
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theSeedScenario() {
        // 1. A guest checks out without logging in.
        browser.open(APP + "/");
        awaitAuthState("signed-out");
        click(By.cssSelector("button[data-sku='SZ-MUG']"));
        click(By.id("nav-cart"));
        click(By.id("to-checkout"));
        browser.driver().findElement(By.id("email")).sendKeys("guest@example.org");
        click(By.id("place-order"));
        String guestOrder = text(By.id("confirmation"));
        assertThat(guestOrder).startsWith("Order SZ-");
        assertThat(browser.driver().getPageSource()).contains("Checked out as a guest");

        // 2. "My Account" sends the browser to /authorize (implicit grant) and Keycloak shows the Storezero login page.
        browser.navigations();
        click(By.id("nav-account"));
        await("the Storezero login page", () -> browser.first(By.id("social-facebook")));
        assertThat(browser.driver().getCurrentUrl()).startsWith(STOREZERO + "/");
        assertThat(browser.navigations()).filteredOn(Navigation::topLevel).map(Navigation::url)
                .anySatisfy(url -> assertThat(url).startsWith(STOREZERO + "/auth0/authorize?")
                        .contains("client_id=storezero-spa").contains("response_type=token%20id_token"));
        assertThat(browser.driver().getPageSource()).contains("storezero");
        assertThat(browser.driver().manage().getCookieNamed("AUTH_SESSION_ID")).as("Keycloak's session cookie").isNotNull();

        // 3. "Log in with Facebook": the simulated Facebook authenticates alice and keeps its own session.
        List<String> facebookSessionsBefore = sessionIdsOf("facebook", "alice");
        browser.continueWithFacebook(FACEBOOK, "alice", "alice");

        // 4. Back at Keycloak, then at the app with an ID token and an access token, validated by the app.
        awaitAuthState("signed-in");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(APP + "/account");
        assertThat(browser.navigations()).filteredOn(Navigation::topLevel).map(Navigation::url)
                .anySatisfy(url -> assertThat(url).startsWith(APP + "/#").contains("access_token=").contains("id_token="));
        assertThat(text(By.id("who-name"))).isNotBlank();
        assertThat(text(By.cssSelector("#profile [data-claim='iss'] td"))).isEqualTo(STOREZERO);
        assertThat(text(By.cssSelector("#profile [data-claim='upstream_user_id'] td"))).startsWith("facebook|");
        assertThat(sessionIdsOf("facebook", "alice")).as("the simulated Facebook's own, new session")
                .hasSizeGreaterThan(facebookSessionsBefore.size());
        String keycloakSession = text(By.cssSelector("#profile [data-claim='sid'] td"));
        assertThat(sessionIdsOf("storezero", "alice")).as("Keycloak's session").contains(keycloakSession);
        String myOrder = placeOrderAsLoggedInUser();
        click(By.id("nav-account"));
        List<String> listed = orderIds();
        assertThat(listed).contains(myOrder).doesNotContain(guestOrder.split(" ")[1]);

        // 5. A reload: still logged in through the hidden iframe, with no top-level navigation to Keycloak.
        browser.navigations();
        browser.driver().navigate().refresh();
        awaitAuthState("signed-in");
        List<Navigation> reload = browser.navigations();
        assertThat(reload).filteredOn(Navigation::topLevel).map(Navigation::url).allSatisfy(url -> assertThat(url).startsWith(APP + "/"));
        assertThat(reload).filteredOn(n -> !n.topLevel()).map(Navigation::url).anySatisfy(url -> assertThat(url)
                .startsWith(STOREZERO + "/auth0/authorize?").contains("prompt=none").contains("response_mode=web_message"));
        assertThat(orderIds()).contains(myOrder);

        // 6. The access token expires and is renewed silently; API calls keep working.
        Instant firstTokenExpiry = Instant.now().plusSeconds(ACCESS_TOKEN_SECONDS);
        await(Duration.ofSeconds(ACCESS_TOKEN_SECONDS + 20), "a silent renewal",
                () -> Boolean.TRUE.equals(browser.script("return Number(document.body.dataset.renewals) >= 1;")) ? Boolean.TRUE : null);
        await(Duration.ofSeconds(ACCESS_TOKEN_SECONDS + 20), "the first access token's expiry", () -> Instant.now().isAfter(firstTokenExpiry) ? Boolean.TRUE : null);
        assertThat(browser.navigations()).filteredOn(Navigation::topLevel).isEmpty();
        click(By.linkText("Shop"));
        click(By.id("nav-account"));
        assertThat(orderIds()).contains(myOrder);

        // 7. Logging out ends Keycloak's session: silent authentication says login_required, My Account asks for login.
        click(By.id("logout"));
        await("the app after logout", () -> browser.driver().getCurrentUrl().equals(APP + "/") ? Boolean.TRUE : null);
        awaitAuthState("signed-out");
        assertThat(sessionIdsOf("storezero", "alice")).as("Keycloak's session after logout").doesNotContain(keycloakSession);
        click(By.id("nav-account"));
        await("the login page again", () -> browser.first(By.id("social-facebook")));

        // 8. Keycloak's session expires (lifetimes shortened for the test): same as 7.
        click(By.id("social-facebook"));
        awaitAuthState("signed-in"); // the simulated Facebook still has its session: straight back
        RealmRepresentation shortSessions = new RealmRepresentation();
        shortSessions.setSsoSessionIdleTimeout(3);
        shortSessions.setSsoSessionMaxLifespan(3);
        admin.realm("storezero").update(shortSessions);
        Instant expired = Instant.now().plusSeconds(5);
        await(Duration.ofSeconds(10), "the session's expiry", () -> Instant.now().isAfter(expired) ? Boolean.TRUE : null);
        browser.open(APP + "/");
        awaitAuthState("signed-out");
        click(By.id("nav-account"));
        await("the login page after expiry", () -> browser.first(By.id("social-facebook")));
    }

    private static String placeOrderAsLoggedInUser() {
        click(By.linkText("Shop"));
        click(By.cssSelector("button[data-sku='SZ-TEE']"));
        click(By.id("nav-cart"));
        click(By.id("to-checkout"));
        assertThat(browser.driver().findElement(By.id("email")).getDomProperty("readOnly")).isEqualTo("true");
        click(By.id("place-order"));
        return text(By.id("confirmation")).split(" ")[1];
    }

    private static List<String> orderIds() {
        await("the orders", () -> browser.driver().findElements(By.cssSelector("#orders tr.order, #orders p:not(.muted)")).isEmpty() ? null : Boolean.TRUE);
        return browser.driver().findElements(By.cssSelector("#orders tr.order td:first-child")).stream().map(WebElement::getText).toList();
    }

    private static List<String> sessionIdsOf(String realm, String username) {
        String id = admin.realm(realm).users().searchByUsername(username, true).get(0).getId();
        return admin.realm(realm).users().get(id).getUserSessions().stream().map(UserSessionRepresentation::getId).toList();
    }

    private static void awaitAuthState(String state) {
        await("the app to be " + state, () -> state.equals(browser.script("return document.body ? document.body.dataset.auth : null;")) ? Boolean.TRUE : null);
    }

    private static void click(By by) {
        await("a clickable " + by, () -> {
            WebElement element = browser.first(by);
            if (element == null || !element.isDisplayed()) {
                return null;
            }
            element.click();
            return Boolean.TRUE;
        });
    }

    private static String text(By by) {
        return await("the text of " + by, () -> {
            WebElement element = browser.first(by);
            return element == null || element.getText().isBlank() ? null : element.getText();
        });
    }

    private static <T> T await(String what, Supplier<T> probe) {
        return Chromium.await(what, probe);
    }

    private static <T> T await(Duration timeout, String what, Supplier<T> probe) {
        return Chromium.await(timeout, what, probe);
    }
}
