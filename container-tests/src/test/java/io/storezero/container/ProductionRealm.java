package io.storezero.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.storezero.testsupport.KeycloakUnderTest;
import io.storezero.testsupport.TokenVerifier;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The image's production realm ({@code storezero}, client {@code storezero-spa}) as the container tests use it, one
 * Keycloak or a cluster behind a balancer alike: its URLs, a password user, and token checks a resource server makes.
 */
final class ProductionRealm {

    static final String REALM = "storezero";
    static final String CLIENT = "storezero-spa";
    /**
     * Generous: TokenVerifier's default is shorter than a cold node's first answer behind the balancer on a busy
     * machine.
     */
    private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(15);

    /** The Keycloak serving the realm: the image alone, or the compose cluster's balancer. */
    final KeycloakUnderTest keycloak;
    /** {@code <keycloak>/realms/storezero}: what every token names as {@code iss}. */
    final String issuer;
    private final String spaOrigin;

    /** The realm's keys, fetched once and cached: behind a round-robin balancer every extra fetch shifts the turn. */
    private final TokenVerifier tokens;

    ProductionRealm(KeycloakUnderTest keycloak, String spaOrigin) {
        this.keycloak = keycloak;
        this.issuer = keycloak.issuer(REALM);
        this.spaOrigin = spaOrigin;
        this.tokens = keycloak.tokens(REALM, KEYS_TIMEOUT);
    }

    /** Silent implicit authentication answered by web_message, as the SDKs send it from their hidden iframe. */
    String silent(String state, String nonce) {
        return authorizeUrl("id_token token", state, nonce, "web_message") + "&prompt=none";
    }

    /**
     * A full-page login as the SPA's login button starts it; the client requires PKCE, and the code is never
     * exchanged in these tests, so any valid challenge does (RFC 7636's example).
     */
    String login(String state) {
        return authorizeUrl("code", state, "n-" + state, "query") + "&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    }

    String authorizeUrl(String responseType, String state, String nonce, String responseMode) {
        return issuer + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&redirect_uri=" + enc(spaOrigin + "/") + "&response_type=" + enc(responseType)
                + "&scope=openid&response_mode=" + responseMode + "&state=" + enc(state) + "&nonce=" + enc(nonce);
    }

    /** A user who signs in with {@code password}, created through the admin API as an operator would. */
    static void createUser(Keycloak admin, String username, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@example.com");
        user.setEmailVerified(true);
        user.setFirstName("Container");
        user.setLastName("User");
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var created = admin.realm(REALM).users().create(user)) {
            assertThat(created.getStatus()).as("user created").isEqualTo(201);
        }
    }

    /**
     * The production realm signs its users in through Facebook only, so its sign-in page hides the password form
     * (realm attribute {@code storezero.passwordForm}, read by the storezero theme). The tests' user has a password:
     * show the form for it, as an operator testing a realm with password users would.
     */
    static void showPasswordForm(Keycloak admin) {
        RealmRepresentation realm = admin.realm(REALM).toRepresentation();
        Map<String, String> attributes = new HashMap<>(realm.getAttributes() == null ? Map.of() : realm.getAttributes());
        attributes.put("storezero.passwordForm", "true");
        realm.setAttributes(attributes);
        admin.realm(REALM).update(realm);
    }

    /** Signature (the realm's published keys), issuer and expiry checked, as a resource server would. */
    JWTClaimsSet verify(String jwt) {
        JWTClaimsSet claims = tokens.token(jwt);
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        return claims;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> message) {
        return (Map<String, Object>) message.get("data");
    }

    /** The authorization response a web_message carries. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> response(Map<String, Object> message) {
        return (Map<String, Object>) data(message).get("response");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
