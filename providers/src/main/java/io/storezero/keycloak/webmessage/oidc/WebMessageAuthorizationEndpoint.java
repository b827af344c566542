package io.storezero.keycloak.webmessage.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.http.FormPostRequest;
import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.WebMessageResponses;
import io.storezero.keycloak.webmessage.WebMessageTarget;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.ErrorPageException;
import org.keycloak.services.Urls;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The standard authorization endpoint, which also answers {@code response_mode=web_message}.
 *
 * <p>A web_message request is checked for what only this mode needs (a validated http(s) redirect URI whose
 * origin is one of the client's Web Origins, no relay parameters, the mode not switched off for the client),
 * then handed to Keycloak's own endpoint as the same request with {@code response_mode=fragment}: Keycloak
 * validates, runs the flow, issues tokens and records events as always. Its fragment redirect to the
 * validated redirect URI is then delivered as the web_message page; nothing else is touched.
 *
 * <p>Keycloak coupling: {@link AuthorizationEndpoint#buildPost()} reading its parameters from the
 * {@code HttpRequest} the endpoint was created with, and the protected
 * {@code handleBrowserAuthenticationRequest}, where the first response's protocol is chosen.
 */
public class WebMessageAuthorizationEndpoint extends AuthorizationEndpoint {

    private static final Logger LOG = Logger.getLogger(WebMessageAuthorizationEndpoint.class);

    /** Set on the inner endpoint that runs a web_message request; null on the one JAX-RS dispatches to. */
    private final WebMessageTarget target;

    public WebMessageAuthorizationEndpoint(KeycloakSession session, EventBuilder event) {
        this(session, event, null);
    }

    private WebMessageAuthorizationEndpoint(KeycloakSession session, EventBuilder event, WebMessageTarget target) {
        super(session, event);
        this.target = target;
    }

    @GET
    @Override
    public Response buildGet() {
        MultivaluedMap<String, String> params = session.getContext().getUri().getQueryParameters();
        return WebMessage.isRequested(params) ? webMessage(params, super::buildGet) : super.buildGet();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Override
    public Response buildPost() {
        MultivaluedMap<String, String> params = httpRequest.getDecodedFormParameters();
        return WebMessage.isRequested(params) ? webMessage(params, super::buildPost) : super.buildPost();
    }

    @Override
    protected Response handleBrowserAuthenticationRequest(AuthenticationSessionModel authSession, LoginProtocol protocol,
                                                          boolean isPassive, boolean redirectToAuthentication) {
        if (target == null) {
            return super.handleBrowserAuthenticationRequest(authSession, protocol, isPassive, redirectToAuthentication);
        }
        // Later requests of this login (login form, broker callback) find the note and our protocol via the factory.
        WebMessage.markRequested(authSession);
        // Keycloak's checker recorded the replayed "fragment"; the login event must say what the client asked for.
        event.detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        LoginProtocol webMessageProtocol = new WebMessageLoginProtocol(session, realm, session.getContext().getUri(), headers, event, target);
        return super.handleBrowserAuthenticationRequest(authSession, webMessageProtocol, isPassive, redirectToAuthentication);
    }

    private Response webMessage(MultivaluedMap<String, String> params, Supplier<Response> keycloakAlone) {
        ClientModel client = realm.getClientByClientId(params.getFirst(OIDCLoginProtocol.CLIENT_ID_PARAM));
        if (client == null || !client.isEnabled() || !OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol())
                || !WebMessage.isEnabledFor(client)) {
            // Keycloak refuses these as it always does: unknown or disabled client (error page), or, for a
            // client that switched web_message off, the unknown response_mode (invalid_request).
            return keycloakAlone.get();
        }
        event.detail(Details.RESPONSE_MODE, WebMessage.RESPONSE_MODE);
        WebMessageTarget messageTarget = resolveTarget(client, params.getFirst(OIDCLoginProtocol.REDIRECT_URI_PARAM));

        Optional<String> unsupported = WebMessage.unsupported(params);
        if (unsupported.isPresent()) {
            event.client(client).detail(Details.REASON, unsupported.get()).error(Errors.INVALID_REQUEST);
            return WebMessageResponses.page(session, messageTarget, errorResponse(client, params, unsupported.get()));
        }

        MultivaluedMap<String, String> replayed = new MultivaluedHashMap<>();
        params.forEach((name, values) -> replayed.put(name, new ArrayList<>(values)));
        replayed.putSingle(OIDCLoginProtocol.RESPONSE_MODE_PARAM, "fragment");

        HttpRequest original = session.getContext().getHttpRequest();
        session.getContext().setHttpRequest(new FormPostRequest(original, replayed));
        Response keycloakResponse;
        try {
            keycloakResponse = new WebMessageAuthorizationEndpoint(session, event, messageTarget).buildPost();
        } finally {
            session.getContext().setHttpRequest(original);
        }
        // Responses from the flow are already pages (our protocol); what is left are Keycloak's early
        // error redirects (missing nonce, bad scope, ...). Anything else (a login form) passes through.
        return WebMessageResponses.fromFragmentRedirect(session, keycloakResponse, messageTarget,
                params.getFirst(OIDCLoginProtocol.STATE_PARAM), Map.of()).orElse(keycloakResponse);
    }

    private WebMessageTarget resolveTarget(ClientModel client, String redirectUriParam) {
        event.client(client).detail(Details.REDIRECT_URI, redirectUriParam);
        String redirectUri = RedirectUtils.verifyRedirectUri(session, redirectUriParam, client);
        if (redirectUri == null) {
            event.error(Errors.INVALID_REDIRECT_URI);
            throw new ErrorPageException(session, Response.Status.BAD_REQUEST, Messages.INVALID_PARAMETER, OIDCLoginProtocol.REDIRECT_URI_PARAM);
        }
        Optional<WebMessageTarget> target = WebMessageOrigins.target(session, client, redirectUri);
        if (target.isEmpty()) {
            LOG.debugf("web_message refused for client %s: the redirect URI's origin is not one of its Web Origins", client.getClientId());
            event.detail(Details.REASON, "redirect_uri origin is not a Web Origin of the client").error(Errors.INVALID_REDIRECT_URI);
            throw new ErrorPageException(session, Response.Status.BAD_REQUEST, WebMessage.NOT_A_WEB_ORIGIN_MESSAGE);
        }
        return target.get();
    }

    private Map<String, String> errorResponse(ClientModel client, MultivaluedMap<String, String> params, String description) {
        Map<String, String> response = new LinkedHashMap<>();
        response.put(OAuth2Constants.ERROR, OAuthErrorException.INVALID_REQUEST);
        response.put(OAuth2Constants.ERROR_DESCRIPTION, description);
        String state = params.getFirst(OIDCLoginProtocol.STATE_PARAM);
        if (state != null) {
            response.put(OAuth2Constants.STATE, state);
        }
        if (!OIDCAdvancedConfigWrapper.fromClientModel(client).isExcludeIssuerFromAuthResponse()) {
            response.put(OAuth2Constants.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        }
        return response;
    }
}
