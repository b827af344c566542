package io.storezero.keycloak.adapters;

import java.util.function.Consumer;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.cookie.CookieProvider;
import org.keycloak.cookie.CookieType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls FedCM's accounts list makes to read the SSO session without refreshing it. */
class KeycloakBrowserSessionTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakBrowserSession.class);
    private static final String MANAGER = "org.keycloak.services.managers.AuthenticationManager";

    @Test
    void theIdentityCookieIsStillVerifiedByThisPublicMethod() {
        Class<?> authResult = KEYCLOAK.type(MANAGER + "$AuthResult");
        KEYCLOAK.staticMethod(MANAGER, "verifyIdentityToken", authResult, KeycloakSession.class, RealmModel.class, UriInfo.class,
                ClientConnection.class, boolean.class, boolean.class, String.class, boolean.class, String.class, HttpHeaders.class,
                Consumer.class);
        KEYCLOAK.method(MANAGER + "$AuthResult", "session", UserSessionModel.class);
        // authenticateIdentityCookie, whose verification peek repeats without its refresh, still exists beside it.
        KEYCLOAK.staticMethod(MANAGER, "authenticateIdentityCookie", authResult, KeycloakSession.class, RealmModel.class, boolean.class);
    }

    @Test
    void theIdentityCookieIsStillReadThroughTheCookieProvider() {
        KEYCLOAK.method(CookieProvider.class.getName(), "get", String.class, CookieType.class);
        assertThat(CookieType.IDENTITY.getName()).isEqualTo("KEYCLOAK_IDENTITY");
        KEYCLOAK.constant("org.keycloak.util.TokenUtil", "TOKEN_TYPE_KEYCLOAK_ID", "Serialized-ID");
    }
}
