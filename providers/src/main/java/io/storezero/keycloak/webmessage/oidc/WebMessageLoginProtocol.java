package io.storezero.keycloak.webmessage.oidc;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.adapters.KeycloakOidcLoginProtocol;
import io.storezero.keycloak.fedcm.FedCmLoginStatus;
import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import io.storezero.keycloak.webmessage.WebMessageTarget;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's OIDC protocol; when the login was started with web_message, the finished response (success or
 * error) is delivered as the web_message page instead of the fragment redirect Keycloak built.
 *
 * <p>Keycloak coupling: through {@link KeycloakOidcLoginProtocol} (the hooks every authorization response passes
 * through) and {@link KeycloakErrorPages} for the refusal.
 */
final class WebMessageLoginProtocol extends KeycloakOidcLoginProtocol {

    private static final Logger LOG = Logger.getLogger(WebMessageLoginProtocol.class);

    /** The target the first request of this login already checked, or null (later requests: login form, broker). */
    private final WebMessageTarget checked;

    /** The factory's form, made from Keycloak's own protocol. */
    WebMessageLoginProtocol(LoginProtocol standard) {
        super(standard);
        this.checked = null;
    }

    /** The form for the first request of a login, with its checked target. */
    WebMessageLoginProtocol(KeycloakSession session, EventBuilder event, WebMessageTarget checked) {
        super(session, event);
        this.checked = checked;
    }

    @Override
    protected Response deliverResponse(AuthenticationSessionModel authSession, ClientSessionContext clientSessionCtx, Response fragmentRedirect) {
        // Keycloak's implicit fragment carries no scope; web_message clients (auth0.js) read the granted scope from it.
        // Computed only for a response with an access token: a code response gets its scope from /token.
        Supplier<Map<String, String>> extra = clientSessionCtx == null ? Map::of : () -> Map.of(OAuth2Constants.SCOPE, clientSessionCtx.getScopeString());
        return FedCmLoginStatus.loggedIn(authSession, deliver(authSession, fragmentRedirect, extra));
    }

    @Override
    protected Response deliverError(AuthenticationSessionModel authSession, Response fragmentRedirect) {
        return deliver(authSession, fragmentRedirect, Map::of);
    }

    private Response deliver(AuthenticationSessionModel authSession, Response fragmentRedirect, Supplier<Map<String, String>> implicitExtras) {
        if (!WebMessage.isRequested(authSession)) {
            return fragmentRedirect;
        }
        KeycloakSession session = keycloakSession();
        events().detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        // Checked on the redirect URI the session really carries: whatever path the request took, a message only goes
        // to a Web Origin of the client, and a login asked for web_message never falls back to a redirect. A silent
        // answer in the first request reuses that request's check when it is for the very same URI.
        String redirectUri = authSession.getRedirectUri();
        Optional<WebMessageTarget> target = checked != null && checked.redirectUri().equals(redirectUri)
                ? Optional.of(checked) : WebMessageOrigins.target(session, authSession.getClient(), redirectUri);
        Optional<Response> page = target.flatMap(messageTarget -> WebMessageResponses.fromFragmentRedirect(session, fragmentRedirect,
                messageTarget, authSession.getClientNote(OAuth2Constants.STATE), implicitExtras));
        if (page.isEmpty()) {
            LOG.warnf("web_message response for client %s not delivered: its redirect URI's origin is not one of the client's Web Origins",
                    authSession.getClient().getClientId());
            return KeycloakErrorPages.page(session, authSession, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return page.get();
    }
}
