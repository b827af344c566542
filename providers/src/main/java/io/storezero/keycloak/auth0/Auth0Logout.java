package io.storezero.keycloak.auth0;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.LogoutUtil;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code /auth0/v2/logout}: Auth0's logout, on Keycloak's browser logout. Auth0 ends the session at once, without the
 * confirmation page Keycloak shows when a logout request carries no {@code id_token_hint} (the SDKs never send one).
 * Keycloak's machinery does the rest: the logout session, front- and back-channel logout of the session's clients,
 * the LOGOUT event, and the final redirect or "You are logged out" page.
 *
 * <p>{@code returnTo} is honoured only when {@code client_id} names a client and the URI is one of that client's
 * Valid Post Logout Redirect URIs, checked by Keycloak's own {@link RedirectUtils}; otherwise the request is refused
 * with Keycloak's "Invalid redirect uri" page and nothing is logged out, as Keycloak's own logout endpoint does.
 *
 * <p>Keycloak coupling: the same calls as Keycloak's {@code LogoutEndpoint} on its no-confirmation path
 * ({@code AuthenticationManager.authenticateIdentityCookie}, {@code createOrJoinLogoutSession}, {@code browserLogout},
 * {@code LogoutUtil.sendResponseAfterLogoutFinished}).
 */
final class Auth0Logout {

    private static final Logger LOG = Logger.getLogger(Auth0Logout.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EventBuilder event;

    Auth0Logout(KeycloakSession session, EventBuilder event) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.event = event;
    }

    Response logout(String clientId, String returnTo) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client != null) {
            session.getContext().setClient(client);
            event.client(client);
        }
        String validatedReturnTo = null;
        if (returnTo != null) {
            validatedReturnTo = client == null ? null : verifyPostLogoutRedirectUri(client, returnTo);
            if (validatedReturnTo == null) {
                event.event(EventType.LOGOUT).detail(Details.REDIRECT_URI, returnTo).error(Errors.INVALID_REDIRECT_URI);
                return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, Messages.INVALID_REDIRECT_URI);
            }
        }

        AuthenticationManager.AuthResult authResult = AuthenticationManager.authenticateIdentityCookie(session, realm, false);
        UserSessionModel userSession = authResult == null ? null : authResult.session();
        AuthenticationSessionModel logoutSession = AuthenticationManager.createOrJoinLogoutSession(session, realm,
                new AuthenticationSessionManager(session), userSession, true, true);
        session.getContext().setAuthenticationSession(logoutSession);
        if (validatedReturnTo != null) {
            logoutSession.setAuthNote(OIDCLoginProtocol.LOGOUT_REDIRECT_URI, validatedReturnTo);
        }
        if (userSession == null) {
            LOG.debugf("v2/logout without a browser session in realm %s", realm.getName());
            logoutSession.getParentSession().removeAuthenticationSessionByTabId(logoutSession.getTabId());
            return LogoutUtil.sendResponseAfterLogoutFinished(session, logoutSession);
        }
        logoutSession.setAuthenticatedUser(userSession.getUser());
        // Keycloak finishes the logout through this protocol's finishBrowserLogout (redirect or info page).
        userSession.setNote(AuthenticationManager.KEYCLOAK_LOGOUT_PROTOCOL, OIDCLoginProtocol.LOGIN_PROTOCOL);
        return AuthenticationManager.browserLogout(session, realm, userSession, session.getContext().getUri(),
                session.getContext().getConnection(), session.getContext().getRequestHeaders());
    }

    private String verifyPostLogoutRedirectUri(ClientModel client, String returnTo) {
        List<String> registered = OIDCAdvancedConfigWrapper.fromClientModel(client).getPostLogoutRedirectUris();
        Set<String> valid = registered == null ? new HashSet<>() : new HashSet<>(registered);
        return RedirectUtils.verifyRedirectUri(session, client.getRootUrl(), returnTo, valid, true);
    }
}
