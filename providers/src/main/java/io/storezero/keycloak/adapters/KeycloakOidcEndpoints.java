package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.LoginProtocolFactory;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;

/**
 * The realm's {@code openid-connect} protocol resource, obtained exactly as Keycloak's {@code RealmsResource.getProtocol}
 * does: through the login-protocol factory (this bundle's, which adds web_message to {@code auth}). The Auth0 paths
 * hand their requests to it.
 *
 * <p>Keycloak behaviour relied on: {@link OIDCLoginProtocolService} and its sub-resource methods ({@code auth()},
 * {@code auth()} returning an {@link AuthorizationEndpoint} whose {@code buildPost()} answers an authorization request
 * in the form of the current request, {@code token()} returning a {@link TokenEndpoint} whose
 * {@code processGrantRequest()} answers a grant,
 * {@code issueUserInfo()}, {@code certs()}, {@code getVersionPreflight()}) are public but not SPI.
 * {@code KeycloakOidcEndpointsTest} pins their signatures.
 */
public final class KeycloakOidcEndpoints {

    /** The id of Keycloak's OIDC login protocol, which clients carry as their protocol. */
    public static final String PROTOCOL = OIDCLoginProtocol.LOGIN_PROTOCOL;

    private final OIDCLoginProtocolService service;

    private KeycloakOidcEndpoints(OIDCLoginProtocolService service) {
        this.service = service;
    }

    public static KeycloakOidcEndpoints of(KeycloakSession session, EventBuilder event) {
        LoginProtocolFactory factory = (LoginProtocolFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(LoginProtocol.class, PROTOCOL);
        return new KeycloakOidcEndpoints((OIDCLoginProtocolService) factory.createProtocolEndpoint(session, event));
    }

    /** The authorization endpoint resource ({@code /auth}), for JAX-RS to dispatch to. */
    public Object authorization() {
        return service.auth();
    }

    /**
     * Runs Keycloak's authorization endpoint on the form of the current request (a replay through
     * {@link KeycloakFormPost}, inside which this object must be created): every check and step of a browser
     * authorization, answered as Keycloak answers it.
     */
    public Response authorizeForm() {
        return ((AuthorizationEndpoint) service.auth()).buildPost();
    }

    /** Runs Keycloak's token endpoint on the current request. */
    public Response grant() {
        return ((TokenEndpoint) service.token()).processGrantRequest();
    }

    /** The userinfo endpoint resource, for JAX-RS to dispatch to. */
    public Object userinfo() {
        return service.issueUserInfo();
    }

    /** The realm's JSON Web Key Set. */
    public Response certs() {
        return service.certs();
    }

    /** Keycloak's CORS preflight answer for the JWKS. */
    public Response certsPreflight() {
        return service.getVersionPreflight();
    }
}
