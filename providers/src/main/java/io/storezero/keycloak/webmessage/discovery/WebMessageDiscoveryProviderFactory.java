package io.storezero.keycloak.webmessage.discovery;

import java.util.ArrayList;
import java.util.List;

import io.storezero.keycloak.webmessage.WebMessage;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCWellKnownProviderFactory;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * {@code /.well-known/openid-configuration} as Keycloak writes it, with {@code web_message} added to
 * {@code response_modes_supported}. Keycloak serves, for one alias, the factory with the lowest priority;
 * the built-in one has 100 and keeps doing the work (including its own configuration options).
 */
public final class WebMessageDiscoveryProviderFactory implements WellKnownProviderFactory {

    public static final String PROVIDER_ID = "storezero-openid-configuration";

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return new WellKnownProvider() {
            @Override
            public Object getConfig() {
                Object config = session.getProvider(WellKnownProvider.class, OIDCWellKnownProviderFactory.PROVIDER_ID).getConfig();
                if (config instanceof OIDCConfigurationRepresentation oidc && oidc.getResponseModesSupported() != null
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
        return OIDCWellKnownProviderFactory.PROVIDER_ID;
    }

    @Override
    public int getPriority() {
        return 1;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
