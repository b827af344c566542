package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OIDCRedirectUriBuilder;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's {@code openid-connect} login protocol, with one place to change how a finished authorization response
 * (success or error) reaches the client. Everything else is Keycloak's.
 *
 * <p>Keycloak behaviour relied on: {@link OIDCLoginProtocol}'s two public {@code buildRedirectUri} hooks, which every
 * authorization response passes through with the redirect Keycloak built (keycloak/keycloak#31086); its constructors
 * (the factory's, with the provider configuration; the authorization endpoint's, with the request); and its protected
 * {@code session} and {@code event}. {@code KeycloakOidcLoginProtocolTest} pins them.
 */
public abstract class KeycloakOidcLoginProtocol extends OIDCLoginProtocol {

    /** As the factory creates it: with the configuration of Keycloak's own protocol ({@code standard}). */
    protected KeycloakOidcLoginProtocol(LoginProtocol standard) {
        super(((OIDCLoginProtocol) standard).getConfig());
    }

    /** As Keycloak's authorization endpoint creates it for the first request of a login, on the current request. */
    protected KeycloakOidcLoginProtocol(KeycloakSession session, EventBuilder event) {
        super(session, session.getContext().getRealm(), session.getContext().getUri(), session.getContext().getRequestHeaders(), event);
    }

    /**
     * A successful authorization response.
     *
     * @param clientSessionCtx Keycloak's context of the issued tokens, or null
     * @param redirect         the response Keycloak built for the request's response mode
     */
    protected abstract Response deliverResponse(AuthenticationSessionModel authSession, ClientSessionContext clientSessionCtx, Response redirect);

    /** An error response; {@code redirect} is the one Keycloak built for the request's response mode. */
    protected abstract Response deliverError(AuthenticationSessionModel authSession, Response redirect);

    protected final KeycloakSession keycloakSession() {
        return session;
    }

    /** The event of the request: set by Keycloak after creation, so read it when needed. */
    protected final EventBuilder events() {
        return event;
    }

    @Override
    public final Response buildRedirectUri(OIDCRedirectUriBuilder redirectUriBuilder, AuthenticationSessionModel authSession,
                                           UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return deliverResponse(authSession, clientSessionCtx, super.buildRedirectUri(redirectUriBuilder, authSession, userSession, clientSessionCtx));
    }

    @Override
    public final Response buildRedirectUri(OIDCRedirectUriBuilder redirectUriBuilder, AuthenticationSessionModel authSession,
                                           UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                                           Exception ex, Error oidcError) {
        return deliverError(authSession, super.buildRedirectUri(redirectUriBuilder, authSession, userSession, clientSessionCtx, ex, oidcError));
    }
}
