package io.storezero.keycloak.auth0;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakBrowserLogout;
import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.adapters.KeycloakRedirectUris;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /auth0/v2/logout}: Auth0's logout, on Keycloak's browser logout. Auth0 ends the session at once, without the
 * confirmation page Keycloak shows when a logout request carries no {@code id_token_hint} (the SDKs never send one).
 * Keycloak's machinery does the rest: the logout session, front- and back-channel logout of the session's clients,
 * the LOGOUT event, and the final redirect or "You are logged out" page.
 *
 * <p>{@code client_id} must name an enabled client of the realm (the Auth0 SDKs always send it); otherwise the request
 * is refused with Keycloak's "Invalid parameter: client_id" page and nothing is logged out. {@code returnTo} is honoured
 * only when it is one of that client's Valid Post Logout Redirect URIs, checked by Keycloak's own rules
 * ({@link KeycloakRedirectUris}); otherwise the request is refused with Keycloak's "Invalid redirect uri" page and
 * nothing is logged out, as Keycloak's own logout endpoint does. Any page can still log a user out by linking here with
 * the SPA's public client id (logout CSRF, as on Auth0): SECURITY.md states that choice and its risk.
 *
 * <p>Keycloak coupling: {@link KeycloakBrowserLogout}, Keycloak's logout endpoint on its no-confirmation path.
 */
final class Auth0Logout {

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
        if (client == null || !client.isEnabled()) {
            // No anonymous logout: a logout names the application it comes from, as every Auth0 SDK's does.
            event.event(EventType.LOGOUT).error(Errors.CLIENT_NOT_FOUND);
            return KeycloakErrorPages.page(session, null, Response.Status.BAD_REQUEST, KeycloakErrorPages.INVALID_PARAMETER,
                    OAuth2Constants.CLIENT_ID);
        }
        session.getContext().setClient(client);
        event.client(client);
        String validatedReturnTo = null;
        if (returnTo != null) {
            validatedReturnTo = verifyPostLogoutRedirectUri(client, returnTo);
            if (validatedReturnTo == null) {
                event.event(EventType.LOGOUT).detail(Details.REDIRECT_URI, returnTo).error(Errors.INVALID_REDIRECT_URI);
                return KeycloakErrorPages.page(session, null, Response.Status.BAD_REQUEST, KeycloakErrorPages.INVALID_REDIRECT_URI);
            }
        }
        return KeycloakBrowserLogout.logout(session, validatedReturnTo);
    }

    private String verifyPostLogoutRedirectUri(ClientModel client, String returnTo) {
        return KeycloakRedirectUris.verifyPostLogoutRedirectUri(session, client, returnTo);
    }
}
