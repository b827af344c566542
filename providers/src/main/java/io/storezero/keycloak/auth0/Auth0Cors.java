package io.storezero.keycloak.auth0;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakOidcEndpoints;
import io.storezero.keycloak.adapters.KeycloakWebOrigins;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * CORS preflight for the Auth0 token path. A preflight carries no {@code client_id}, so the origin must be a Web Origin
 * of at least one enabled OIDC client of the realm (as Auth0 checks it against its applications' Allowed Web Origins);
 * the request that follows is then checked by Keycloak against the Web Origins of the client that actually asks.
 * Keycloak's own preflight answers any origin and does not admit {@code Auth0-Client}: the browser would refuse the
 * SDKs' token requests.
 *
 * <p>Keycloak coupling: {@link KeycloakWebOrigins} with Keycloak's CORS rule, so that the preflight admits exactly
 * the origins Keycloak's answer to the request will admit.
 */
final class Auth0Cors {

    private static final Logger LOG = Logger.getLogger(Auth0Cors.class);

    /** The Fetch standard's header names (RFC 6454, Fetch), as Keycloak's CORS writes them. */
    static final String ORIGIN = "Origin";
    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    static final String ALLOW_METHODS = "Access-Control-Allow-Methods";
    static final String ALLOW_HEADERS = "Access-Control-Allow-Headers";
    static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
    static final String MAX_AGE = "Access-Control-Max-Age";

    /** Keycloak's defaults, plus what the SDKs send: {@code Auth0-Client} on every call, {@code DPoP} when enabled. */
    static final String ALLOWED_HEADERS = "Origin, Accept, X-Requested-With, Content-Type, Access-Control-Request-Method, "
            + "Access-Control-Request-Headers, Authorization, DPoP, Auth0-Client";

    static final int MAX_AGE_SECONDS = 3600;

    private Auth0Cors() {
    }

    static Response preflight(KeycloakSession session, List<String> methods) {
        String origin = session.getContext().getRequestHeaders().getHeaderString(ORIGIN);
        if (origin == null) {
            return Response.ok().build();
        }
        if (!isWebOriginOfAClient(session, origin)) {
            LOG.debugf("CORS preflight refused: %s is not a Web Origin of any client of realm %s", origin, session.getContext().getRealm().getName());
            return Response.status(Response.Status.FORBIDDEN).header(HttpHeaders.VARY, ORIGIN).build();
        }
        return Response.ok()
                .header(ALLOW_ORIGIN, origin)
                .header(ALLOW_METHODS, String.join(", ", methods))
                .header(ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(ALLOW_CREDENTIALS, "true")
                .header(MAX_AGE, String.valueOf(MAX_AGE_SECONDS))
                .header(HttpHeaders.VARY, ORIGIN)
                .build();
    }

    /** Whether {@code origin} is a Web Origin (by Keycloak's CORS rule) of at least one enabled OIDC client of the realm. */
    static boolean isWebOriginOfAClient(KeycloakSession session, String origin) {
        return session.getContext().getRealm().getClientsStream()
                .filter(ClientModel::isEnabled)
                .filter(client -> KeycloakOidcEndpoints.PROTOCOL.equals(client.getProtocol()))
                .anyMatch(client -> KeycloakWebOrigins.isWebOriginOf(session, client, origin, KeycloakWebOrigins.Rule.CORS));
    }
}
