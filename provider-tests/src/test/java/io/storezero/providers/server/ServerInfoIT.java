package io.storezero.providers.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.storezero.providers.framework.StorezeroServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What an administrator sees under "Provider info" once the bundle is deployed: every provider the bundle registers,
 * under its SPI, with the bundle's version and settings (ServerInfoAwareProviderFactory). A provider that fails to load,
 * or loses to another, is missing here.
 */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class ServerInfoIT {

    /** Provider id by SPI, for every line of the providers jar's META-INF/services files. */
    private static final Map<String, List<String>> REGISTERED = Map.of(
            "authenticator", List.of("storezero-link-migrated-account", "storezero-connection-redirector"),
            "identity-provider-mapper", List.of("storezero-upstream-user-id-idp-mapper"),
            // web_message is the built-in openid-connect protocol's factory, replaced by the bundle's subclass.
            "login-protocol", List.of("openid-connect"),
            "realm-restapi-extension", List.of("auth0", "storage-access", "fedcm"),
            "well-known", List.of("storezero-openid-configuration"));

    @InjectAdminClient
    Keycloak admin;

    @Test
    void everyProviderTheBundleRegistersIsLoadedAndReportsTheBundleAndItsSettings() throws IOException {
        assertThat(REGISTERED.values().stream().mapToInt(List::size).sum())
                .as("one expected provider id per registration in the providers jar; a new provider belongs in REGISTERED")
                .isEqualTo(registrationsInTheProvidersJar());
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        REGISTERED.forEach((spi, ids) -> {
            SpiInfoRepresentation spiInfo = info.getProviders().get(spi);
            assertThat(spiInfo).as("SPI %s in the server info", spi).isNotNull();
            for (String id : ids) {
                ProviderRepresentation provider = spiInfo.getProviders().get(id);
                assertThat(provider).as("provider %s of SPI %s", id, spi).isNotNull();
                assertThat(provider.getOperationalInfo()).as("operational info of %s", id)
                        .containsEntry("provider-id", id)
                        .containsKeys("bundle-version", "built-for-keycloak")
                        .allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank().doesNotContain("${"));
                assertThat(provider.getOperationalInfo().size()).as("%s reports at least one setting", id).isGreaterThan(3);
            }
        });
    }

    @Test
    void theServerInfoSaysTheBundlesOpenidConnectProtocolIsInUseSoWebMessageIsOn() {
        // Checked at start-up (OidcProtocolInUse): another extension's openid-connect factory would turn web_message off.
        ProviderRepresentation discovery = admin.serverInfo().getInfo().getProviders().get("well-known").getProviders()
                .get("storezero-openid-configuration");

        assertThat(discovery.getOperationalInfo())
                .containsEntry("openid-connect-factory", "io.storezero.keycloak.webmessage.oidc.WebMessageLoginProtocolFactory")
                .containsEntry("web_message", "on");
    }

    /** Lines naming a class in the providers jar's META-INF/services files (the jar is on this module's test classpath). */
    private static int registrationsInTheProvidersJar() throws IOException {
        int count = 0;
        for (String spi : List.of("org.keycloak.authentication.AuthenticatorFactory", "org.keycloak.broker.provider.IdentityProviderMapper",
                "org.keycloak.protocol.LoginProtocolFactory", "org.keycloak.services.resource.RealmResourceProviderFactory",
                "org.keycloak.wellknown.WellKnownProviderFactory")) {
            for (URL url : Collections.list(ServerInfoIT.class.getClassLoader().getResources("META-INF/services/" + spi))) {
                if (!url.toString().contains("storezero-keycloak-providers")) {
                    continue;
                }
                try (InputStream in = url.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (line.startsWith("io.storezero.")) {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }
}
