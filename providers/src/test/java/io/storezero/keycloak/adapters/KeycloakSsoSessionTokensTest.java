package io.storezero.keycloak.adapters;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/** The calls Keycloak's direct grant makes after authentication, which FedCM's assertion reuses to issue tokens. */
class KeycloakSsoSessionTokensTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakSsoSessionTokens.class);
    private static final String MANAGER = "org.keycloak.services.managers.AuthenticationManager";
    private static final String TOKEN_MANAGER = "org.keycloak.protocol.oidc.TokenManager";
    private static final String OIDC = "org.keycloak.protocol.oidc.OIDCLoginProtocol";

    @Test
    void theIdentityCookieStillNamesTheBrowsersSession() {
        Class<?> authResult = KEYCLOAK.type(MANAGER + "$AuthResult");
        KEYCLOAK.staticMethod(MANAGER, "authenticateIdentityCookie", authResult, KeycloakSession.class, RealmModel.class, boolean.class);
        KEYCLOAK.method(MANAGER + "$AuthResult", "session", UserSessionModel.class);
    }

    @Test
    void theDirectGrantsTokenStepsAreStillMadeOfTheseCalls() {
        Class<?> authSessionManager = KEYCLOAK.type("org.keycloak.services.managers.AuthenticationSessionManager");
        KEYCLOAK.constructor(authSessionManager.getName(), KeycloakSession.class);
        KEYCLOAK.method(authSessionManager.getName(), "createAuthenticationSession", RootAuthenticationSessionModel.class,
                RealmModel.class, boolean.class);
        KEYCLOAK.staticMethod(MANAGER, "setClientScopesInSession", void.class, KeycloakSession.class, AuthenticationSessionModel.class);
        KEYCLOAK.staticMethod(TOKEN_MANAGER, "attachAuthenticationSession", ClientSessionContext.class, KeycloakSession.class,
                UserSessionModel.class, AuthenticationSessionModel.class);
        KEYCLOAK.constructor(TOKEN_MANAGER);
        Class<?> builder = KEYCLOAK.type(TOKEN_MANAGER + "$AccessTokenResponseBuilder");
        KEYCLOAK.method(TOKEN_MANAGER, "responseBuilder", builder, RealmModel.class, ClientModel.class, EventBuilder.class,
                KeycloakSession.class, UserSessionModel.class, ClientSessionContext.class);
        KEYCLOAK.method(builder.getName(), "generateAccessToken", builder);
        KEYCLOAK.method(builder.getName(), "generateIDToken", builder);
        KEYCLOAK.method(builder.getName(), "generateAccessTokenHash", builder);
        KEYCLOAK.method(builder.getName(), "build", AccessTokenResponse.class);
    }

    @Test
    void theNamesTheIdTokenAndTheClientSessionAreReadFromAreUnchanged() {
        // generateIDToken copies the client-session-context attribute "nonce" into the ID token.
        KEYCLOAK.constant(OIDC, "NONCE_PARAM", "nonce");
        KEYCLOAK.constant(OIDC, "SCOPE_PARAM", "scope");
        KEYCLOAK.constant(OIDC, "ISSUER", "iss");
        KEYCLOAK.constant(OIDC, "LOGIN_PROTOCOL", "openid-connect");
    }
}
