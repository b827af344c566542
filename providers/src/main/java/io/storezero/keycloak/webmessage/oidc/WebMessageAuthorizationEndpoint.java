package io.storezero.keycloak.webmessage.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakAuthorizationEndpoint;
import io.storezero.keycloak.adapters.KeycloakDiscovery;
import io.storezero.keycloak.adapters.KeycloakErrorPages;
import io.storezero.keycloak.adapters.KeycloakFormPost;
import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import io.storezero.keycloak.adapters.KeycloakRedirectUris;
import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageOrigins;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import io.storezero.keycloak.webmessage.WebMessageTarget;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The standard authorization endpoint, which also answers {@code response_mode=web_message}.
 *
 * <p>A web_message request is checked for what only this mode needs (a validated http(s) redirect URI whose
 * origin is one of the client's Web Origins, no relay parameters, the mode not switched off for the client),
 * then handed to Keycloak's own endpoint as the same request with {@code response_mode=fragment}: Keycloak
 * validates, runs the flow, issues tokens and records events as always. The login's answers pass the protocol's
 * answer steps ({@link WebMessageLoginProtocol}), which deliver the fragment redirect to the validated redirect URI as
 * the web_message page; Keycloak's early error redirects, sent before a login exists, become the page here. Nothing
 * else is touched.
 *
 * <p>Keycloak coupling: through {@link KeycloakAuthorizationEndpoint} (the request before Keycloak processes it, and
 * the protocol of a login's first response) and {@link KeycloakFormPost} (the replay).
 */
public class WebMessageAuthorizationEndpoint extends KeycloakAuthorizationEndpoint {

    private static final Logger LOG = Logger.getLogger(WebMessageAuthorizationEndpoint.class);

    // Own references, hiding the base's fields of the same names: nothing here reads Keycloak's protected state.
    private final KeycloakSession session;
    private final RealmModel realm;
    private final EventBuilder event;

    /** True on the inner endpoint that runs a checked web_message request; false on the one JAX-RS dispatches to. */
    private final boolean webMessageReplay;

    public WebMessageAuthorizationEndpoint(KeycloakSession session, EventBuilder event) {
        this(session, event, false);
    }

    private WebMessageAuthorizationEndpoint(KeycloakSession session, EventBuilder event, boolean webMessageReplay) {
        super(session, event);
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.event = event;
        this.webMessageReplay = webMessageReplay;
    }

    @Override
    protected Response authorize(MultivaluedMap<String, String> params, Supplier<Response> keycloak) {
        return WebMessage.isRequested(params) ? webMessage(params, keycloak) : keycloak.get();
    }

    @Override
    protected LoginProtocol firstResponseProtocol(AuthenticationSessionModel authSession, LoginProtocol keycloaks) {
        if (!webMessageReplay) {
            return keycloaks;
        }
        // Later requests of this login (login form, broker callback) find the note and our protocol via the factory.
        WebMessage.markRequested(authSession);
        // Keycloak's checker recorded the replayed "fragment"; the login event must say what the client asked for.
        event.detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        return new WebMessageLoginProtocol(session, event);
    }

    private Response webMessage(MultivaluedMap<String, String> params, Supplier<Response> keycloakAlone) {
        ClientModel client = realm.getClientByClientId(params.getFirst(OAuth2Constants.CLIENT_ID));
        if (client == null || !client.isEnabled() || !KeycloakOidcEndpoints.PROTOCOL.equals(client.getProtocol())
                || !WebMessage.isEnabledFor(client)) {
            // Keycloak refuses these as it always does: unknown or disabled client (error page), or, for a
            // client that switched web_message off, the unknown response_mode (invalid_request).
            return keycloakAlone.get();
        }
        event.detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        WebMessageTarget messageTarget = resolveTarget(client, params.getFirst(OAuth2Constants.REDIRECT_URI));

        Optional<String> unsupported = WebMessage.unsupported(params);
        if (unsupported.isPresent()) {
            event.client(client).detail(Details.REASON, unsupported.get()).error(Errors.INVALID_REQUEST);
            return WebMessageResponses.page(session, messageTarget, errorResponse(client, params, unsupported.get()));
        }

        MultivaluedMap<String, String> replayed = new MultivaluedHashMap<>();
        params.forEach((name, values) -> replayed.put(name, new ArrayList<>(values)));
        replayed.putSingle(WebMessage.RESPONSE_MODE_PARAM, "fragment");

        Response keycloakResponse = KeycloakFormPost.replay(session, replayed,
                () -> new WebMessageAuthorizationEndpoint(session, event, true).buildPost());
        // Responses from the flow are already pages (our protocol); what is left are Keycloak's early
        // error redirects (missing nonce, bad scope, ...). Anything else (a login form) passes through.
        return WebMessageResponses.fromFragmentRedirect(session, keycloakResponse, messageTarget,
                params.getFirst(OAuth2Constants.STATE), Map::of).orElse(keycloakResponse);
    }

    private WebMessageTarget resolveTarget(ClientModel client, String redirectUriParam) {
        event.client(client).detail(Details.REDIRECT_URI, redirectUriParam);
        String redirectUri = KeycloakRedirectUris.verifyRedirectUri(session, redirectUriParam, client);
        if (redirectUri == null) {
            event.error(Errors.INVALID_REDIRECT_URI);
            throw KeycloakErrorPages.exception(session, Response.Status.BAD_REQUEST, KeycloakErrorPages.INVALID_PARAMETER, OAuth2Constants.REDIRECT_URI);
        }
        Optional<WebMessageTarget> target = WebMessageOrigins.target(session, client, redirectUri);
        if (target.isEmpty()) {
            LOG.debugf("web_message refused for client %s: the redirect URI's origin is not one of its Web Origins", client.getClientId());
            event.detail(Details.REASON, "redirect_uri origin is not a Web Origin of the client").error(Errors.INVALID_REDIRECT_URI);
            throw KeycloakErrorPages.exception(session, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return target.get();
    }

    private Map<String, String> errorResponse(ClientModel client, MultivaluedMap<String, String> params, String description) {
        Map<String, String> response = new LinkedHashMap<>();
        response.put(OAuth2Constants.ERROR, OAuthErrorException.INVALID_REQUEST);
        response.put(OAuth2Constants.ERROR_DESCRIPTION, description);
        String state = params.getFirst(OAuth2Constants.STATE);
        if (state != null) {
            response.put(OAuth2Constants.STATE, state);
        }
        if (!KeycloakRedirectUris.excludesIssuerFromAuthResponse(client)) {
            response.put(OAuth2Constants.ISSUER, KeycloakDiscovery.realmIssuer(session));
        }
        return response;
    }
}
