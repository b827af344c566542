package io.storezero.keycloak.auth0;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import io.storezero.keycloak.adapters.KeycloakDiscovery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;

/**
 * {@code /auth0/.well-known/openid-configuration}: the realm's own discovery document (issuer, keys, supported values,
 * web_message) with the endpoints an Auth0 SDK uses pointed at the Auth0 paths. The issuer stays the realm's: it is
 * what tokens carry. {@code end_session_endpoint} stays Keycloak's RP-initiated logout, which takes the standard OIDC
 * parameters; Auth0's {@code /v2/logout} takes Auth0's.
 */
final class Auth0Discovery {

    private Auth0Discovery() {
    }

    static String prefix(KeycloakSession session) {
        return KeycloakDiscovery.realmIssuer(session) + "/" + Auth0ResourceProviderFactory.PROVIDER_ID + "/";
    }

    static Response response(KeycloakSession session) {
        OIDCConfigurationRepresentation oidc = KeycloakDiscovery.servedOpenidConfiguration(session).orElseThrow(NotFoundException::new);
        String prefix = prefix(session);
        oidc.setAuthorizationEndpoint(prefix + Auth0ResourceProviderFactory.AUTHORIZE);
        oidc.setTokenEndpoint(prefix + Auth0ResourceProviderFactory.TOKEN);
        oidc.setUserinfoEndpoint(prefix + Auth0ResourceProviderFactory.USERINFO);
        oidc.setJwksUri(prefix + Auth0ResourceProviderFactory.JWKS);
        return KeycloakDiscovery.publicDocument(oidc);
    }
}
