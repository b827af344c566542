package io.storezero.keycloak.adapters;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.stream.Stream;

import jakarta.ws.rs.core.CacheControl;

import org.junit.jupiter.api.Test;
import io.storezero.keycloak.webmessage.discovery.WebMessageDiscoveryProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.wellknown.WellKnownProvider;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakDiscoveryTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakDiscovery.class);

    @Test
    void theMetadataIsStillServedUnderTheBuiltInProvidersId() {
        KEYCLOAK.constant("org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory", "PROVIDER_ID", "openid-configuration");
        assertThat(KeycloakDiscovery.OPENID_CONFIGURATION).isEqualTo("openid-configuration");
    }

    /** Keycloak's rule (RealmsResource up to 26.5, WellKnownProviderUtil since 26.6): the lowest priority serves the alias. */
    @Test
    void theServedDocumentIsTheLowestPriorityFactoryOfTheAlias() {
        OIDCWellKnownProviderFactory keycloaks = new OIDCWellKnownProviderFactory();
        WebMessageDiscoveryProviderFactory bundles = new WebMessageDiscoveryProviderFactory();
        KeycloakSessionFactory sessionFactory = (KeycloakSessionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProviderFactoriesStream") && args[0] == WellKnownProvider.class) {
                        return Stream.of(keycloaks, bundles);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThat(bundles.getPriority()).isLessThan(keycloaks.getPriority());
        assertThat(KeycloakDiscovery.servedFactory(sessionFactory, "openid-configuration")).containsSame(bundles);
        assertThat(KeycloakDiscovery.servedFactory(sessionFactory, "oauth-authorization-server")).isEmpty();
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
