package io.storezero.providers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.providers.support.ShippedRealmsTest;
import io.storezero.providers.support.SpaBrowser;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The storezero first-broker-login flow with the "Link migrated account" step: accounts imported from Auth0 carry
 * {@code upstream_user_id = facebook|<id>}; the first Facebook login of that person lands in that account.
 */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class LinkMigratedAccountIT extends ShippedRealmsTest {

    @Test
    void anAccountWithTheSameUpstreamUserIdIsLinkedWithoutAsking() {
        FacebookUser user = newFacebookUser();
        String migrated = newStorezeroUser("imported-" + user.username() + "@storezero.example", user.upstreamUserId());

        Login login = logInWithFacebook(user);
        Map<String, Object> tokens = tokens(login);

        JWTClaimsSet idToken = tokens().idToken((String) tokens.get("id_token"), SPA, login.nonce());
        assertThat(idToken.getSubject()).as("the migrated account, not a new one").isEqualTo(migrated);
        assertThat(idToken.getClaim(UPSTREAM_CLAIM)).isEqualTo(user.upstreamUserId());
        assertThat(federatedIdentities(migrated)).singleElement().satisfies(link -> {
            assertThat(link.getIdentityProvider()).isEqualTo("facebook");
            assertThat(link.getUserId()).isEqualTo(user.id());
        });
        assertThat(storezeroUsersLinkedTo(user)).hasSize(1);
        assertThat(storezeroEvents("FEDERATED_IDENTITY_LINK")).as("the link is audited")
                .anySatisfy(event -> assertThat(event.getUserId()).isEqualTo(migrated));
    }

    @Test
    void aDisabledMigratedAccountIsNotLinkedAndNoOtherAccountIsCreated() {
        FacebookUser user = newFacebookUser();
        String migrated = newStorezeroUser("disabled-" + user.username() + "@storezero.example", user.upstreamUserId());
        UserRepresentation disabled = storezeroUser(migrated);
        disabled.setEnabled(false);
        storezero.admin().users().get(migrated).update(disabled);

        logInWithFacebook(user);

        WebElement message = SpaBrowser.await("the error page", () -> browser.first(By.cssSelector("#kc-error-message [role=alert]")));
        assertThat(message.getText()).contains("disabled");
        assertThat(federatedIdentities(migrated)).isEmpty();
        assertThat(storezeroUsersLinkedTo(user)).isEmpty();
    }

    @Test
    void anAccountWithOnlyTheSameEmailIsNotLinked() {
        FacebookUser user = newFacebookUser();
        String sameEmail = newStorezeroUser(user.email(), null);
        String otherUpstream = newStorezeroUser("other-" + user.username() + "@storezero.example", "facebook|somebody-else");

        logInWithFacebook(user);

        // Keycloak's own "account already exists" step asks for proof; nothing was linked or issued.
        WebElement confirm = SpaBrowser.await("the 'account already exists' page", () -> browser.first(By.id("linkAccount")));
        assertThat(confirm.isDisplayed()).isTrue();
        assertThat(browser.driver().getCurrentUrl()).doesNotStartWith(pages.url("/"));
        assertThat(federatedIdentities(sameEmail)).isEmpty();
        assertThat(federatedIdentities(otherUpstream)).isEmpty();
        assertThat(storezeroUsersLinkedTo(user)).isEmpty();
    }

    @Test
    void twoAccountsWithTheSameUpstreamUserIdAreRefusedWithAnErrorAndAnEvent() {
        FacebookUser user = newFacebookUser();
        String first = newStorezeroUser("first-" + user.username() + "@storezero.example", user.upstreamUserId());
        String second = newStorezeroUser("second-" + user.username() + "@storezero.example", user.upstreamUserId());

        logInWithFacebook(user);

        WebElement message = SpaBrowser.await("the error page", () -> browser.first(By.cssSelector("#kc-error-message [role=alert]")));
        assertThat(message.getText()).isEqualTo("This Facebook account matches more than one Storezero account, so we cannot"
                + " sign you in automatically. Please contact Storezero support; nothing has been linked.");
        assertThat(browser.first(By.cssSelector("body.storezero"))).as("the storezero theme's error page").isNotNull();
        assertThat(browser.driver().findElement(By.id("backToApplication")).getDomAttribute("href")).isEqualTo(pages.url("/"));
        assertThat(federatedIdentities(first)).isEmpty();
        assertThat(federatedIdentities(second)).isEmpty();
        assertThat(storezeroUsersLinkedTo(user)).isEmpty();

        assertThat(storezeroEvents("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR")).anySatisfy(event -> {
            assertThat(event.getError()).isEqualTo("ambiguous_upstream_user_id");
            assertThat(event.getDetails()).containsEntry("upstream_user_id", user.upstreamUserId());
        });
    }
}
