package io.storezero.keycloak.adapters;

import java.util.Optional;

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
 * Keycloak's OpenID Provider metadata ({@code /.well-known/openid-configuration}) and issuer, for the documents the
 * bundle derives from them.
 *
 * <p>Keycloak behaviour relied on: the built-in provider's id {@link OIDCWellKnownProviderFactory#PROVIDER_ID}, which
 * is also the alias under which Keycloak serves the document ({@link WellKnownProviderUtil#resolveFromAlias} picks the
 * factory it serves); {@link Urls#realmIssuer}; the answer Keycloak's well-known endpoint gives (CORS for any origin,
 * not cached: {@link Cors}, {@link CacheControlUtil#noCache()}). {@code KeycloakDiscoveryTest} pins them.
 */
public final class KeycloakDiscovery {

    /** The alias Keycloak serves OpenID Provider metadata under, and the id of its own provider. */
    public static final String OPENID_CONFIGURATION = OIDCWellKnownProviderFactory.PROVIDER_ID;

    private KeycloakDiscovery() {
    }

    /** The realm's issuer, as tokens carry it. */
    public static String realmIssuer(KeycloakSession session) {
        return Urls.realmIssuer(session.getContext().getUri().getBaseUri(), session.getContext().getRealm().getName());
    }

    /** The document Keycloak's own provider writes (not the one served, which may be a replacement). */
    public static Object keycloakOpenidConfiguration(KeycloakSession session) {
        return session.getProvider(WellKnownProvider.class, OPENID_CONFIGURATION).getConfig();
    }

    /** The document Keycloak serves at {@code /.well-known/openid-configuration}, or empty when none is. */
    public static Optional<OIDCConfigurationRepresentation> servedOpenidConfiguration(KeycloakSession session) {
        Optional<WellKnownProviderFactory> factory = WellKnownProviderUtil.resolveFromAlias(session.getKeycloakSessionFactory(), OPENID_CONFIGURATION);
        return factory.map(f -> session.getProvider(WellKnownProvider.class, f.getId()).getConfig())
                .filter(OIDCConfigurationRepresentation.class::isInstance)
                .map(OIDCConfigurationRepresentation.class::cast);
    }

    /** A metadata document answered as Keycloak answers its own: JSON, readable from any origin, not cached. */
    public static Response publicDocument(Object document) {
        return Cors.builder().allowAllOrigins().auth()
                .add(Response.ok(document).type(MediaType.APPLICATION_JSON).cacheControl(CacheControlUtil.noCache()));
    }
}
