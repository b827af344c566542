package io.storezero.keycloak.auth0;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.services.cors.Cors;

/**
 * CORS preflight for the Auth0 token path. A preflight carries no {@code client_id}, so the origin must be a Web Origin
 * of at least one enabled OIDC client of the realm (as Auth0 checks it against its applications' Allowed Web Origins);
 * the request that follows is then checked by Keycloak against the Web Origins of the client that actually asks.
 * Keycloak's own preflight answers any origin and does not admit {@code Auth0-Client}: the browser would refuse the
 * SDKs' token requests.
 */
final class Auth0Cors {

    private static final Logger LOG = Logger.getLogger(Auth0Cors.class);

    /** Keycloak's defaults, plus what the SDKs send: {@code Auth0-Client} on every call, {@code DPoP} when enabled. */
    static final String ALLOWED_HEADERS = "Origin, Accept, X-Requested-With, Content-Type, Access-Control-Request-Method, "
            + "Access-Control-Request-Headers, Authorization, DPoP, Auth0-Client";

    static final int MAX_AGE_SECONDS = 3600;

    private Auth0Cors() {
    }

    static Response preflight(KeycloakSession session, List<String> methods) {
        String origin = session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER);
        if (origin == null) {
            return Response.ok().build();
        }
        if (!isWebOriginOfAClient(session, origin)) {
            LOG.debugf("CORS preflight refused: %s is not a Web Origin of any client of realm %s", origin, session.getContext().getRealm().getName());
            return Response.status(Response.Status.FORBIDDEN).header(HttpHeaders.VARY, Cors.ORIGIN_HEADER).build();
        }
        return Response.ok()
                .header(Cors.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .header(Cors.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", methods))
                .header(Cors.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(Cors.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .header(Cors.ACCESS_CONTROL_MAX_AGE, String.valueOf(MAX_AGE_SECONDS))
                .header(HttpHeaders.VARY, Cors.ORIGIN_HEADER)
                .build();
    }

    static boolean isWebOriginOfAClient(KeycloakSession session, String origin) {
        Stream<ClientModel> clients = session.getContext().getRealm().getClientsStream()
                .filter(ClientModel::isEnabled)
                .filter(client -> OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol()));
        return clients.anyMatch(client -> allows(WebOriginsUtils.resolveValidWebOrigins(session, client), origin));
    }

    /** Keycloak's rule for Web Origins: the exact origin, or {@code *}. */
    static boolean allows(Set<String> webOrigins, String origin) {
        return webOrigins.contains(origin) || webOrigins.contains(Cors.ACCESS_CONTROL_ALLOW_ORIGIN_WILDCARD);
    }
}
