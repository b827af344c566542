package io.storezero.keycloak.adapters;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.core.CacheControl;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakDiscoveryTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakDiscovery.class);

    @Test
    void theMetadataIsStillServedUnderTheBuiltInProvidersId() {
        KEYCLOAK.constant("org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory", "PROVIDER_ID", "openid-configuration");
        KEYCLOAK.staticMethod("org.keycloak.services.util.WellKnownProviderUtil", "resolveFromAlias", Optional.class,
                KeycloakSessionFactory.class, String.class);
        assertThat(KeycloakDiscovery.OPENID_CONFIGURATION).isEqualTo("openid-configuration");
    }

    @Test
    void theIssuerIsStillMadeFromTheBaseUriAndRealmName() {
        // Not run here: it needs a JAX-RS runtime (UriBuilder), which only the server has; Auth0EndpointsIT reads it.
        KEYCLOAK.staticMethod("org.keycloak.services.Urls", "realmIssuer", String.class, URI.class, String.class);
    }

    @Test
    void theDocumentIsStillAnsweredWithCorsAndNotCached() {
        Class<?> cors = KEYCLOAK.type("org.keycloak.services.cors.Cors");
        KEYCLOAK.staticMethod(cors.getName(), "builder", cors);
        KEYCLOAK.method(cors.getName(), "allowAllOrigins", cors);
        KEYCLOAK.method(cors.getName(), "auth", cors);
        KEYCLOAK.staticMethod("org.keycloak.services.util.CacheControlUtil", "noCache", CacheControl.class);
    }
}
