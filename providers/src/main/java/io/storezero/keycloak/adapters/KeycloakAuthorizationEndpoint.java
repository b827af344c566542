package io.storezero.keycloak.adapters;

import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's OIDC authorization endpoint ({@code /protocol/openid-connect/auth}), with a say before Keycloak processes
 * a request and in the protocol that answers the first response of a login. Keycloak's endpoint creates a plain
 * {@code OIDCLoginProtocol} for that first response, not through the protocol factory, so a response mode needs both.
 *
 * <p>Keycloak behaviour relied on: {@link AuthorizationEndpoint#buildGet()} (query parameters) and
 * {@link AuthorizationEndpoint#buildPost()} (the decoded form of the request the endpoint was created on), their
 * JAX-RS annotations (repeated here, as an overriding method must), and the protected
 * {@code AuthorizationEndpointBase.handleBrowserAuthenticationRequest}, where the first response's protocol is passed
 * in. {@code KeycloakAuthorizationEndpointTest} pins them.
 */
public abstract class KeycloakAuthorizationEndpoint extends AuthorizationEndpoint {

    private final KeycloakSession keycloakSession;

    protected KeycloakAuthorizationEndpoint(KeycloakSession session, EventBuilder event) {
        super(session, event);
        this.keycloakSession = session;
    }

    /**
     * Handles one authorization request.
     *
     * @param params   its parameters (query of a GET, form of a POST)
     * @param keycloak Keycloak's own handling of the very same request
     */
    protected abstract Response authorize(MultivaluedMap<String, String> params, Supplier<Response> keycloak);

    /** The protocol that answers the first response of a login; by default Keycloak's ({@code keycloaks}). */
    protected LoginProtocol firstResponseProtocol(AuthenticationSessionModel authSession, LoginProtocol keycloaks) {
        return keycloaks;
    }

    @GET
    @Override
    public final Response buildGet() {
        return authorize(keycloakSession.getContext().getUri().getQueryParameters(), super::buildGet);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Override
    public final Response buildPost() {
        return authorize(httpRequest.getDecodedFormParameters(), super::buildPost);
    }

    @Override
    protected final Response handleBrowserAuthenticationRequest(AuthenticationSessionModel authSession, LoginProtocol protocol,
                                                                boolean isPassive, boolean redirectToAuthentication) {
        return super.handleBrowserAuthenticationRequest(authSession, firstResponseProtocol(authSession, protocol), isPassive, redirectToAuthentication);
    }
}
