package io.storezero.keycloak.webmessage.oidc;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCProviderConfig;
import org.keycloak.protocol.oidc.utils.OIDCRedirectUriBuilder;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's OIDC protocol; when the login was started with web_message, the finished response (success or
 * error) is delivered as the web_message page instead of the fragment redirect Keycloak built.
 *
 * <p>Keycloak coupling: the public {@code buildRedirectUri} hooks every authorization response passes through
 * (keycloak/keycloak#31086), and {@code ErrorPage} for the refusal.
 */
final class WebMessageLoginProtocol extends OIDCLoginProtocol {

    private static final Logger LOG = Logger.getLogger(WebMessageLoginProtocol.class);

    WebMessageLoginProtocol(OIDCProviderConfig providerConfig) {
        super(providerConfig);
    }

    /** The form Keycloak's {@code AuthorizationEndpoint} uses for the first request of a login. */
    WebMessageLoginProtocol(KeycloakSession session, RealmModel realm, UriInfo uriInfo, HttpHeaders headers, EventBuilder event) {
        super(session, realm, uriInfo, headers, event);
    }

    @Override
    public Response buildRedirectUri(OIDCRedirectUriBuilder redirectUriBuilder, AuthenticationSessionModel authSession,
                                     UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        Response fragmentRedirect = super.buildRedirectUri(redirectUriBuilder, authSession, userSession, clientSessionCtx);
        // Keycloak's implicit fragment carries no scope; web_message clients (auth0.js) read the granted scope from it.
        Map<String, String> extra = clientSessionCtx == null ? Map.of() : Map.of(OAuth2Constants.SCOPE, clientSessionCtx.getScopeString());
        return deliver(authSession, fragmentRedirect, extra);
    }

    @Override
    public Response buildRedirectUri(OIDCRedirectUriBuilder redirectUriBuilder, AuthenticationSessionModel authSession,
                                     UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                                     Exception ex, Error oidcError) {
        return deliver(authSession, super.buildRedirectUri(redirectUriBuilder, authSession, userSession, clientSessionCtx, ex, oidcError), Map.of());
    }

    private Response deliver(AuthenticationSessionModel authSession, Response fragmentRedirect, Map<String, String> implicitExtras) {
        if (!WebMessage.isRequested(authSession)) {
            return fragmentRedirect;
        }
        event.detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        // Checked again on the redirect URI the session really carries: whatever path the request took, a message
        // only goes to a Web Origin of the client, and a login asked for web_message never falls back to a redirect.
        Optional<Response> page = WebMessageOrigins.target(session, authSession.getClient(), authSession.getRedirectUri())
                .flatMap(target -> WebMessageResponses.fromFragmentRedirect(session, fragmentRedirect, target,
                        authSession.getClientNote(OIDCLoginProtocol.STATE_PARAM), implicitExtras));
        if (page.isEmpty()) {
            LOG.warnf("web_message response for client %s not delivered: its redirect URI's origin is not one of the client's Web Origins",
                    authSession.getClient().getClientId());
            return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return page.get();
    }
}
