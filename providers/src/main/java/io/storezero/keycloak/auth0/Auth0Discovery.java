package io.storezero.keycloak.auth0;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.util.CacheControlUtil;
import org.keycloak.services.util.WellKnownProviderUtil;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

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
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), session.getContext().getRealm().getName())
                + "/" + Auth0ResourceProviderFactory.PROVIDER_ID;
    }

    static Response response(KeycloakSession session) {
        WellKnownProviderFactory factory = WellKnownProviderUtil.resolveFromAlias(session.getKeycloakSessionFactory(),
                OIDCWellKnownProviderFactory.PROVIDER_ID).orElseThrow(NotFoundException::new);
        Object config = session.getProvider(WellKnownProvider.class, factory.getId()).getConfig();
        if (!(config instanceof OIDCConfigurationRepresentation oidc)) {
            throw new NotFoundException();
        }
        String prefix = prefix(session);
        oidc.setAuthorizationEndpoint(prefix + "/authorize");
        oidc.setTokenEndpoint(prefix + "/oauth/token");
        oidc.setUserinfoEndpoint(prefix + "/userinfo");
        oidc.setJwksUri(prefix + "/.well-known/jwks.json");
        return Cors.builder().allowAllOrigins().auth()
                .add(Response.ok(oidc).type(MediaType.APPLICATION_JSON).cacheControl(CacheControlUtil.noCache()));
    }
}
