package io.storezero.keycloak.webmessage.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;
import io.storezero.keycloak.adapters.KeycloakDiscovery;
import io.storezero.keycloak.webmessage.WebMessage;
import io.storezero.keycloak.webmessage.oidc.OidcProtocolInUse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * {@code /.well-known/openid-configuration} as Keycloak writes it, with {@code web_message} added to
 * {@code response_modes_supported}. Keycloak serves, for one alias, the factory with the lowest priority;
 * the built-in one has 100 and keeps doing the work (including its own configuration options). When another
 * extension's {@code openid-connect} protocol is in use instead of the bundle's ({@link OidcProtocolInUse}, checked
 * here at start-up since this factory runs either way), web_message is not added: it would not be served.
 */
public final class WebMessageDiscoveryProviderFactory extends BundleProviderFactory<WellKnownProvider> implements WellKnownProviderFactory {

    public static final String PROVIDER_ID = "storezero-openid-configuration";

    /** Below the built-in provider's 100: Keycloak serves the alias from the lowest priority. */
    static final int PRIORITY = 1;

    public WebMessageDiscoveryProviderFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return new WellKnownProvider() {
            @Override
            public Object getConfig() {
                Object config = KeycloakDiscovery.keycloakOpenidConfiguration(session);
                if (OidcProtocolInUse.current().webMessage()
                        && config instanceof OIDCConfigurationRepresentation oidc && oidc.getResponseModesSupported() != null
                        && !oidc.getResponseModesSupported().contains(WebMessage.RESPONSE_MODE)) {
                    List<String> modes = new ArrayList<>(oidc.getResponseModesSupported());
                    modes.add(WebMessage.RESPONSE_MODE);
                    oidc.setResponseModesSupported(modes);
                }
                return config;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getAlias() {
        return KeycloakDiscovery.OPENID_CONFIGURATION;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(OidcProtocolInUse.current().info());
        settings.putAll(Map.of("alias", getAlias(), "priority", String.valueOf(PRIORITY),
                "adds", "response_modes_supported: " + WebMessage.RESPONSE_MODE));
        return settings;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        OidcProtocolInUse.check(factory);
    }
}
