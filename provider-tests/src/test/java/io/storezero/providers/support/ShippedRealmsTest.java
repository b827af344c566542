package io.storezero.providers.support;

import io.storezero.testsupport.TokenVerifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.storezero.providers.framework.Realms;
import io.storezero.providers.framework.SpaPages;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;
import io.storezero.testsupport.Authorize;

/**
 * The shipped realms as an operator imports them (the simulated import set generated from {@code realm-export/}): {@code storezero} (client
 * {@code storezero-spa}, here at the {@link SpaPages} origin) brokering to the simulated {@code facebook} realm, through
 * the bundle's upstream-user-id mapper and migrated-account linker. Tests that need a first brokered login create their
 * own Facebook user, so they depend neither on each other nor on their order. Chromium and the SPA pages: {@link SpaTest}.
 */
public abstract class ShippedRealmsTest extends SpaTest {

    protected static final String SPA = "storezero-spa";
    protected static final String UPSTREAM_CLAIM = "upstream_user_id";
    protected static final String UPSTREAM_ATTRIBUTE = "upstream_user_id";

    @InjectRealm(ref = "facebook", config = Realms.Facebook.class)
    protected ManagedRealm facebook;

    @InjectRealm(ref = "storezero", config = Realms.Storezero.class)
    protected ManagedRealm storezero;

    protected String issuer() {
        return keycloak().issuer(storezero.getName());
    }

    /** Checks the tokens of {@link #issuer()} against its keys. */
    protected TokenVerifier tokens() {
        return keycloak().tokens(storezero.getName());
    }

    /** A Facebook user of the simulation: the upstream identity of one test. */
    public record FacebookUser(String id, String username, String password, String email) {
        public String upstreamUserId() {
            return "facebook|" + id;
        }
    }

    protected FacebookUser newFacebookUser() {
        String username = "fb-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10);
        UserRepresentation user = user(username, username + "@example.org", "Test", "Shopper");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return new FacebookUser(create(facebook, user), username, username, user.getEmail());
    }

    /** Creates a storezero user as an administrator (or an Auth0 import) would, optionally with an upstream user id. */
    protected String newStorezeroUser(String email, String upstreamUserId) {
        UserRepresentation user = user("sz-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 10),
                email, "Migrated", "Shopper");
        if (upstreamUserId != null) {
            user.setAttributes(Map.of(UPSTREAM_ATTRIBUTE, List.of(upstreamUserId)));
        }
        return create(storezero, user);
    }

    private static UserRepresentation user(String username, String email, String firstName, String lastName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        return user;
    }

    private static String create(ManagedRealm realm, UserRepresentation user) {
        try (Response response = realm.admin().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** The storezero users linked to this Facebook identity. */
    protected List<UserRepresentation> storezeroUsersLinkedTo(FacebookUser user) {
        return storezero.admin().users().search(null, null, null, null, null, "facebook", user.id(), 0, 100, null, true);
    }

    protected UserRepresentation storezeroUser(String id) {
        return storezero.admin().users().get(id).toRepresentation();
    }

    protected List<String> attribute(String userId, String attribute) {
        Map<String, List<String>> attributes = storezeroUser(userId).getAttributes();
        return attributes == null ? List.of() : attributes.getOrDefault(attribute, List.of());
    }

    protected List<FederatedIdentityRepresentation> federatedIdentities(String userId) {
        return storezero.admin().users().get(userId).getFederatedIdentity();
    }

    protected List<EventRepresentation> storezeroEvents(String type) {
        return storezero.admin().getEvents(List.of(type), null, null, null, null, null, null, null);
    }

    /** The SPA's full-page login: code + PKCE, redirect back to the SPA's exact registered URI. */
    protected Login startLogin() {
        Authorize.Pkce pkce = Authorize.Pkce.create();
        String nonce = Authorize.random();
        browser.open(Authorize.atEndpoint(issuer() + "/protocol/openid-connect/auth").client(SPA, pages.url("/"))
                .param("response_type", "code").param("scope", "openid profile email").param("state", Authorize.random())
                .param("nonce", nonce).param("code_challenge", pkce.challenge()).param("code_challenge_method", "S256").url());
        return new Login(pkce, nonce);
    }

    /** Storezero page → "Continue with Facebook" → the simulated Facebook's login form, submitted. */
    protected Login logInWithFacebook(FacebookUser user) {
        Login login = startLogin();
        browser.continueWithFacebook(facebook.getBaseUrl(), user.username(), user.password());
        return login;
    }

    /** Waits for the redirect back to the SPA and answers the authorization code. */
    protected String awaitCode() {
        String url = SpaBrowser.await("the redirect back to the SPA with a code", () -> {
            String current = browser.driver().getCurrentUrl();
            return current.startsWith(pages.url("/?")) && current.contains("code=") || current.contains("error=") ? current : null;
        });
        assertThat(url).contains("code=").doesNotContain("error=");
        return URLDecoder.decode(url.replaceFirst(".*[?&]code=([^&#]+).*", "$1"), StandardCharsets.UTF_8);
    }

    /** The token request an SPA makes from its own origin (CORS, PKCE verifier). */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> exchange(String code, String verifier) {
        browser.installTestHelpers();
        browser.script("window.exchanged = null; exchangeCode(arguments[0], arguments[1], function (r) { window.exchanged = r; });",
                issuer() + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "client_id", SPA, "code", code,
                        "redirect_uri", pages.url("/"), "code_verifier", verifier));
        Map<String, Object> result = SpaBrowser.await("the token response", () -> (Map<String, Object>) browser.script("return window.exchanged;"));
        assertThat(result.get("status")).as("token response %s", result.get("body")).isEqualTo(200L);
        return (Map<String, Object>) result.get("body");
    }

    /** What one interactive login needs to finish: the PKCE verifier and the nonce it sent. */
    public record Login(Authorize.Pkce pkce, String nonce) {
    }

    protected Map<String, Object> tokens(Login login) {
        return exchange(awaitCode(), login.pkce().verifier());
    }
}
