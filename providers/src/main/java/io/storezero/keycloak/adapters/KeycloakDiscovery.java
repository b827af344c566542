package io.storezero.keycloak.adapters;

import java.util.Comparator;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.util.CacheControlUtil;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * Keycloak's OpenID Provider metadata ({@code /.well-known/openid-configuration}) and issuer, for the documents the
 * bundle derives from them.
 *
 * <p>Keycloak behaviour relied on: the built-in provider's id {@link OIDCWellKnownProviderFactory#PROVIDER_ID}, which
 * is also the alias under which Keycloak serves the document (of the factories with that alias Keycloak serves the one
 * with the lowest priority: RealmsResource did it inline up to 26.5, WellKnownProviderUtil since 26.6; the rule is
 * applied here through the public SPI so that the bundle runs on both, {@code KeycloakDiscoveryTest} checks it; picks the
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
        Optional<WellKnownProviderFactory> factory = servedFactory(session.getKeycloakSessionFactory(), OPENID_CONFIGURATION);
        return factory.map(f -> session.getProvider(WellKnownProvider.class, f.getId()).getConfig())
                .filter(OIDCConfigurationRepresentation.class::isInstance)
                .map(OIDCConfigurationRepresentation.class::cast);
    }

    /** Keycloak's choice among well-known providers sharing an alias: the lowest priority serves it. */
    static Optional<WellKnownProviderFactory> servedFactory(KeycloakSessionFactory sessionFactory, String alias) {
        return sessionFactory.getProviderFactoriesStream(WellKnownProvider.class)
                .map(WellKnownProviderFactory.class::cast)
                .filter(factory -> alias.equals(factory.getAlias()))
                .min(Comparator.comparingInt(WellKnownProviderFactory::getPriority));
    }

    /** A metadata document answered as Keycloak answers its own: JSON, readable from any origin, not cached. */
    public static Response publicDocument(Object document) {
        return Cors.builder().allowAllOrigins().auth()
                .add(Response.ok(document).type(MediaType.APPLICATION_JSON).cacheControl(CacheControlUtil.noCache()));
    }
}
