package io.storezero.keycloak.adapters;

import java.util.Optional;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Tokens for a client from the browser's existing Keycloak SSO session, with no login page in between: what FedCM's
 * ID assertion endpoint answers. The browser proves the session with Keycloak's identity cookie; the tokens are made
 * by Keycloak's own {@link TokenManager}, exactly as its non-browser grants make them, so every mapper, client scope
 * and signing key of the client applies.
 *
 * <p>Keycloak behaviour relied on: {@link AuthenticationManager#authenticateIdentityCookie(KeycloakSession, RealmModel, boolean)}
 * (an {@code AuthResult} whose {@code session()} is the live user session, or null); the steps of
 * {@code ResourceOwnerPasswordCredentialsGrantType} after authentication:
 * {@link AuthenticationSessionManager#createAuthenticationSession(RealmModel, boolean)} (no cookie),
 * {@link AuthenticationManager#setClientScopesInSession}, {@link TokenManager#attachAuthenticationSession(KeycloakSession,
 * UserSessionModel, AuthenticationSessionModel)} (which also removes the single-use authentication session), the
 * client-session-context attribute {@link OIDCLoginProtocol#NONCE_PARAM} that {@code generateIDToken} copies into the ID
 * token, and {@link TokenManager#responseBuilder}. {@code KeycloakSsoSessionTokensTest} pins them.
 */
public final class KeycloakSsoSessionTokens {

    private static final String OPENID = "openid";

    private KeycloakSsoSessionTokens() {
    }

    /** The live SSO session of the browser that sent this request (Keycloak's identity cookie), or empty. */
    public static Optional<UserSessionModel> browserSession(KeycloakSession session) {
        AuthenticationManager.AuthResult result = AuthenticationManager.authenticateIdentityCookie(session, session.getContext().getRealm(), true);
        return result == null ? Optional.empty() : Optional.ofNullable(result.session());
    }

    /**
     * An access token and an ID token (scope {@code openid}, the client's default scopes) for {@code client} in
     * {@code userSession}, the ID token carrying {@code nonce}; no refresh token. Sets the event's session and client.
     *
     * @param issuer the realm's issuer URL, as Keycloak's endpoints note it on the session
     */
    public static AccessTokenResponse issue(KeycloakSession session, ClientModel client, UserSessionModel userSession, String issuer,
                                            String nonce, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        AuthenticationSessionModel authSession = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false)
                .createAuthenticationSession(client);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setAction(AuthenticatedClientSessionModel.Action.AUTHENTICATE.name());
        authSession.setAuthenticatedUser(userSession.getUser());
        authSession.setClientNote(OIDCLoginProtocol.ISSUER, issuer);
        authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, OPENID);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext context = TokenManager.attachAuthenticationSession(session, userSession, authSession);
        context.setAttribute(OIDCLoginProtocol.NONCE_PARAM, nonce);
        event.session(userSession).user(userSession.getUser()).client(client);
        return new TokenManager().responseBuilder(realm, client, event, session, userSession, context)
                .generateAccessToken().generateIDToken().generateAccessTokenHash().build();
    }
}
