package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.testsupport.Authorize;
import io.storezero.it.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * After a brokered Facebook login, the SPA renews its tokens silently (hidden iframe, prompt=none,
 * response_mode=web_message) from storezero's own session: the (simulated) Facebook is not asked again.
 */
class BrokeredSilentAuthenticationIT extends IdentityBrowserTest {

    @Test
    void silentRenewalAfterAFacebookLoginReturnsFreshTokensWithoutTouchingFacebook() {
        FacebookUser user = newFacebookUser();
        Map<String, Object> interactive = logInWithFacebook(user).tokens();
        String subject = Tokens.verifyAccessToken((String) interactive.get("access_token"), ISSUER, SPA).getSubject();
        List<String> facebookEventsBefore = eventTypesOf(FACEBOOK, user.id());
        List<String> storezeroEventsBefore = eventTypesOf(STOREZERO, subject);
        assertThat(facebookEventsBefore).contains("LOGIN", "CODE_TO_TOKEN");
        openSpaOrigin();

        // The seed's grant: implicit, as auth0.js checkSession sends it.
        String nonce = Authorize.random();
        browser.script("silent(arguments[0])", Authorize.at(KEYCLOAK, STOREZERO).client(SPA, spa.url("/"))
                .silentImplicit("s1", nonce).url());
        Map<String, Object> implicit = Tokens.response(browser.awaitMessage());
        assertThat(implicit).containsEntry("state", "s1").containsKey("access_token");
        JWTClaimsSet idToken = Tokens.verifyIdToken((String) implicit.get("id_token"), ISSUER, SPA, nonce);
        assertThat(idToken.getSubject()).isEqualTo(subject);
        assertThat(idToken.getClaim(UPSTREAM_CLAIM)).isEqualTo(user.upstreamUserId());
        JWTClaimsSet renewed = Tokens.verifyAccessToken((String) implicit.get("access_token"), ISSUER, SPA);
        assertThat(renewed.getClaim(UPSTREAM_CLAIM)).isEqualTo(user.upstreamUserId());
        assertThat(renewed.getAudience()).contains("https://api.storezero.io/orders");
        assertThat(implicit.get("access_token")).isNotEqualTo(interactive.get("access_token"));

        // The recommended grant: code + PKCE, as auth0-spa-js getTokenSilently sends it.
        Authorize.Pkce pkce = Authorize.Pkce.create();
        browser.script("window.received = []; silent(arguments[0])", Authorize.at(KEYCLOAK, STOREZERO).client(SPA, spa.url("/"))
                .silentCode("s2", Authorize.random(), pkce).url());
        Map<String, Object> code = Tokens.response(browser.awaitMessage());
        assertThat(code).containsEntry("state", "s2").containsKey("code");
        Map<String, Object> tokens = exchange((String) code.get("code"), spa.url("/"), pkce.verifier());
        assertThat(Tokens.verifyAccessToken((String) tokens.get("access_token"), ISSUER, SPA).getClaim(UPSTREAM_CLAIM))
                .isEqualTo(user.upstreamUserId());

        assertThat(eventTypesOf(FACEBOOK, user.id())).as("no request reached the simulated Facebook").isEqualTo(facebookEventsBefore);
        List<String> storezeroEventsAfter = eventTypesOf(STOREZERO, subject);
        assertThat(storezeroEventsAfter.subList(0, storezeroEventsAfter.size() - storezeroEventsBefore.size()))
                .as("storezero's own session answered: two logins and a code exchange, no identity-provider login")
                .containsExactlyInAnyOrder("LOGIN", "LOGIN", "CODE_TO_TOKEN");
    }
}
