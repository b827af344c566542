package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.LogoutUtil;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's browser logout without the confirmation page: ends the browser's session (front- and back-channel logout
 * of its clients, the LOGOUT event), then Keycloak's final redirect or "You are logged out" page.
 *
 * <p>Keycloak behaviour relied on: the calls of Keycloak's {@code LogoutEndpoint} on its no-confirmation path,
 * {@link AuthenticationManager#authenticateIdentityCookie}, {@link AuthenticationManager#createOrJoinLogoutSession},
 * {@link AuthenticationManager#browserLogout} (which finishes through the protocol named in the user-session note
 * {@link AuthenticationManager#KEYCLOAK_LOGOUT_PROTOCOL}, reading {@link OIDCLoginProtocol#LOGOUT_REDIRECT_URI}) and
 * {@link LogoutUtil#sendResponseAfterLogoutFinished}. {@code KeycloakBrowserLogoutTest} pins them.
 */
public final class KeycloakBrowserLogout {

    private static final Logger LOG = Logger.getLogger(KeycloakBrowserLogout.class);

    private KeycloakBrowserLogout() {
    }

    /**
     * Logs the browser out of the current realm.
     *
     * @param validatedRedirectUri where to go afterwards, already checked as one of the client's post-logout redirect
     *                             URIs; null for Keycloak's "You are logged out" page
     */
    public static Response logout(KeycloakSession session, String validatedRedirectUri) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        AuthenticationManager.AuthResult authResult = AuthenticationManager.authenticateIdentityCookie(session, realm, false);
        UserSessionModel userSession = authResult == null ? null : authResult.session();
        AuthenticationSessionModel logoutSession = AuthenticationManager.createOrJoinLogoutSession(session, realm,
                new AuthenticationSessionManager(session), userSession, true, true);
        context.setAuthenticationSession(logoutSession);
        if (validatedRedirectUri != null) {
            logoutSession.setAuthNote(OIDCLoginProtocol.LOGOUT_REDIRECT_URI, validatedRedirectUri);
        }
        if (userSession == null) {
            LOG.debugf("browser logout without a browser session in realm %s", realm.getName());
            logoutSession.getParentSession().removeAuthenticationSessionByTabId(logoutSession.getTabId());
            return LogoutUtil.sendResponseAfterLogoutFinished(session, logoutSession);
        }
        logoutSession.setAuthenticatedUser(userSession.getUser());
        // Keycloak finishes the logout through this protocol's finishBrowserLogout (redirect or info page).
        userSession.setNote(AuthenticationManager.KEYCLOAK_LOGOUT_PROTOCOL, OIDCLoginProtocol.LOGIN_PROTOCOL);
        return AuthenticationManager.browserLogout(session, realm, userSession, context.getUri(),
                context.getConnection(), context.getRequestHeaders());
    }
}
