package io.storezero.keycloak.webmessage.oidc;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import io.storezero.keycloak.webmessage.WebMessageTarget;
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

    /** The target the first request of this login already checked, or null (later requests: login form, broker). */
    private final WebMessageTarget checked;

    WebMessageLoginProtocol(OIDCProviderConfig providerConfig) {
        super(providerConfig);
        this.checked = null;
    }

    /** The form Keycloak's {@code AuthorizationEndpoint} uses for the first request of a login, with its checked target. */
    WebMessageLoginProtocol(KeycloakSession session, RealmModel realm, UriInfo uriInfo, HttpHeaders headers, EventBuilder event,
                            WebMessageTarget checked) {
        super(session, realm, uriInfo, headers, event);
        this.checked = checked;
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
        // Checked on the redirect URI the session really carries: whatever path the request took, a message only goes
        // to a Web Origin of the client, and a login asked for web_message never falls back to a redirect. A silent
        // answer in the first request reuses that request's check when it is for the very same URI.
        String redirectUri = authSession.getRedirectUri();
        Optional<WebMessageTarget> target = checked != null && checked.redirectUri().equals(redirectUri)
                ? Optional.of(checked) : WebMessageOrigins.target(session, authSession.getClient(), redirectUri);
        Optional<Response> page = target.flatMap(messageTarget -> WebMessageResponses.fromFragmentRedirect(session, fragmentRedirect,
                messageTarget, authSession.getClientNote(OIDCLoginProtocol.STATE_PARAM), implicitExtras));
        if (page.isEmpty()) {
            LOG.warnf("web_message response for client %s not delivered: its redirect URI's origin is not one of the client's Web Origins",
                    authSession.getClient().getClientId());
            return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return page.get();
    }
}
