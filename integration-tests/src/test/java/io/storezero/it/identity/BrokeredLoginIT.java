package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.it.support.Chromium;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** "Log in with Facebook": storezero's themed sign-in page → the simulated Facebook → back to the SPA with tokens. */
class BrokeredLoginIT extends IdentityBrowserTest {

    @Test
    void aliceLogsInWithFacebookAndHerTokensCarryHerUpstreamUserId() {
        FacebookUser alice = alice();
        // Earlier runs against the same server may have created her storezero account: start from her first login.
        storezeroUsersLinkedTo(alice).forEach(user -> ADMIN.realm(STOREZERO).users().delete(user.get("id").asText()).close());

        Login login = startLogin();
        assertThat(browser.first(By.cssSelector("body.storezero"))).as("the storezero theme").isNotNull();
        assertThat(browser.driver().findElement(By.id("kc-page-title")).getText()).isEqualTo("Log in to Storezero");
        assertThat(facebookButton().getText()).isEqualTo("Continue with Facebook");
        assertThat(browser.first(By.id("password"))).as("no password form: Facebook is the way in").isNull();

        facebookButton().click();
        Chromium.await("the simulated Facebook", () -> browser.driver().getCurrentUrl().startsWith(KEYCLOAK + "/realms/facebook/") ? Boolean.TRUE : null);
        browser.login("alice", "alice");
        Map<String, Object> tokens = login.tokens();

        JWTClaimsSet idToken = Tokens.verifyIdToken((String) tokens.get("id_token"), ISSUER, SPA, login.nonce());
        assertThat(idToken.getClaim(UPSTREAM_CLAIM)).isEqualTo(alice.upstreamUserId());
        assertThat(idToken.getClaim("email")).isEqualTo("alice@example.org");
        assertThat(idToken.getClaim("name")).isEqualTo("Alice Shopper");
        assertThat(idToken.getClaim("picture")).isEqualTo("https://storezero.io/demo/alice.png");
        JWTClaimsSet accessToken = Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA);
        assertThat(accessToken.getClaim(UPSTREAM_CLAIM)).isEqualTo(alice.upstreamUserId());
        assertThat(accessToken.getAudience()).contains("https://api.storezero.io/orders");
        assertThat(accessToken.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(((Number) tokens.get("expires_in")).longValue()).as("short-lived: silent renewal shows").isEqualTo(120L);

        List<JsonNode> linked = storezeroUsersLinkedTo(alice);
        assertThat(linked).singleElement().satisfies(user -> assertThat(user.get("id").asText()).isEqualTo(idToken.getSubject()));
        assertThat(sessionCount(FACEBOOK, alice.id())).as("Facebook created a session for alice").isPositive();
        assertThat(sessionCount(STOREZERO, idToken.getSubject())).as("storezero holds a session for alice").isPositive();
    }

    @Test
    void loggingOutEndsOnAStorezeroInfoPage() {
        FacebookUser user = newFacebookUser();
        Map<String, Object> tokens = logInWithFacebook(user).tokens();
        String subject = Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA).getSubject();

        browser.open(ISSUER + "/protocol/openid-connect/logout");
        Chromium.await("the logout confirmation", () -> browser.first(By.id("kc-logout"))).click();

        WebElement info = Chromium.await("the logged-out page", () -> browser.first(By.cssSelector("#kc-info-message [role=status]")));
        assertThat(info.getText()).isEqualTo("You are logged out");
        assertThat(browser.first(By.cssSelector("body.storezero"))).as("the storezero theme's info page").isNotNull();
        assertThat(sessionCount(STOREZERO, subject)).isZero();
    }

    @Test
    void theSignInPageSpeaksGerman() {
        startLogin("ui_locales", "de");

        assertThat(facebookButton().getText()).isEqualTo("Weiter mit Facebook");
        assertThat(browser.driver().findElement(By.id("kc-page-title")).getText()).isEqualTo("Bei Storezero anmelden");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
    }

    @Test
    void theWholeLoginWorksWithoutJavaScript() {
        FacebookUser user = newFacebookUser();
        browser.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            logInWithFacebook(user);
            assertThat(awaitCode()).isNotBlank();
        } finally {
            browser.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
        assertThat(storezeroUsersLinkedTo(user)).hasSize(1);
    }

    @Test
    void theSignInPagePassesABasicAccessibilityCheck() {
        startLogin();
        facebookButton();

        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) browser.script(ACCESSIBILITY_CHECK);

        assertThat(report.get("lang")).isEqualTo("en");
        assertThat((List<Object>) report.get("unlabelled")).as("form fields without a label").isEmpty();
        assertThat((List<Object>) report.get("unnamed")).as("links and buttons without an accessible name").isEmpty();
        assertThat((Map<String, Object>) report.get("contrast")).as("contrast of text against its background")
                .allSatisfy((element, ratio) -> assertThat(((Number) ratio).doubleValue()).as(element).isGreaterThanOrEqualTo(4.5));

        WebElement focused = tabTo(facebookButton());
        String outline = (String) browser.script("var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
        assertThat(outline).as("a visible keyboard focus ring").startsWith("solid").doesNotEndWith(" 0px");
    }

    private static WebElement tabTo(WebElement target) {
        for (int i = 0; i < 20; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            if (browser.driver().switchTo().activeElement().equals(target)) {
                return target;
            }
        }
        throw new AssertionError("the Facebook button is not reachable with the Tab key");
    }

    /**
     * Labels (every visible field has a label or aria-label), names (every link and button has text or aria-label),
     * contrast (WCAG ratio of the main texts against the background they sit on), lang.
     */
    private static final String ACCESSIBILITY_CHECK = """
            function lum(rgb) {
              var c = rgb.match(/[\\d.]+/g).slice(0, 3).map(function (v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            }
            function background(el) {
              for (; el; el = el.parentElement) {
                var bg = getComputedStyle(el).backgroundColor;
                if (bg && bg !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(bg)) { return bg; }
              }
              return 'rgb(255, 255, 255)';
            }
            function ratio(el) {
              var a = lum(getComputedStyle(el).color), b = lum(background(el));
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            var unlabelled = [], unnamed = [], contrast = {};
            document.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(function (el) {
              var labelled = el.getAttribute('aria-label') || (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest('label');
              if (!labelled) { unlabelled.push(el.outerHTML); }
            });
            document.querySelectorAll('a[href], button').forEach(function (el) {
              if (!(el.innerText || '').trim() && !el.getAttribute('aria-label')) { unnamed.push(el.outerHTML); }
            });
            ['#kc-header-wrapper', '#kc-page-title', '.storezero-lead', '#social-facebook', '#storezero-footer'].forEach(function (sel) {
              var el = document.querySelector(sel);
              contrast[sel] = el ? ratio(el) : 0;
            });
            return {lang: document.documentElement.lang, unlabelled: unlabelled, unnamed: unnamed, contrast: contrast};
            """;
}
