package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

class KeycloakBrowserLogoutTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakBrowserLogout.class);
    private static final String MANAGER = "org.keycloak.services.managers.AuthenticationManager";

    @Test
    void theLogoutEndpointsNoConfirmationPathIsStillMadeOfTheseCalls() {
        Class<?> authResult = KEYCLOAK.type(MANAGER + "$AuthResult");
        KEYCLOAK.staticMethod(MANAGER, "authenticateIdentityCookie", authResult, KeycloakSession.class, RealmModel.class, boolean.class);
        KEYCLOAK.method(MANAGER + "$AuthResult", "session", UserSessionModel.class);
        Class<?> authSessionManager = KEYCLOAK.type("org.keycloak.services.managers.AuthenticationSessionManager");
        KEYCLOAK.constructor(authSessionManager.getName(), KeycloakSession.class);
        KEYCLOAK.staticMethod(MANAGER, "createOrJoinLogoutSession", AuthenticationSessionModel.class, KeycloakSession.class,
                RealmModel.class, authSessionManager, UserSessionModel.class, boolean.class, boolean.class);
        KEYCLOAK.staticMethod(MANAGER, "browserLogout", Response.class, KeycloakSession.class, RealmModel.class,
                UserSessionModel.class, UriInfo.class, ClientConnection.class, HttpHeaders.class);
        KEYCLOAK.staticMethod("org.keycloak.protocol.oidc.utils.LogoutUtil", "sendResponseAfterLogoutFinished", Response.class,
                KeycloakSession.class, AuthenticationSessionModel.class);
    }

    @Test
    void theNotesThatCarryTheProtocolAndTheRedirectAreUnchanged() {
        KEYCLOAK.constant(MANAGER, "KEYCLOAK_LOGOUT_PROTOCOL", "KEYCLOAK_LOGOUT_PROTOCOL");
        KEYCLOAK.constant("org.keycloak.protocol.oidc.OIDCLoginProtocol", "LOGOUT_REDIRECT_URI", "OIDC_LOGOUT_REDIRECT_URI");
    }
}
