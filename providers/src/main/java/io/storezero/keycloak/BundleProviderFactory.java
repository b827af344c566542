package io.storezero.keycloak;

import java.util.Map;
import java.util.function.Supplier;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * The part of Keycloak's factory lifecycle that every factory of the bundle answers the same way: an id fixed at
 * construction, nothing to read at {@code init}, nothing to wire at {@code postInit}, nothing to release at
 * {@code close}, and its entry in Provider info ({@link BundleInfo}) from the settings the subclass names. A subclass
 * adds the SPI it serves ({@code implements RealmResourceProviderFactory}, {@code AuthenticatorFactory}, ...) and only
 * what differs; a factory that extends a Keycloak class instead (the protocol factory, the mapper, the console tabs)
 * cannot use it.
 */
public abstract class BundleProviderFactory<T extends Provider> implements ProviderFactory<T>, ServerInfoAwareProviderFactory {

    private final String id;

    protected BundleProviderFactory(String id) {
        this.id = id;
    }

    /** What matters about this provider to an admin; {@link #getOperationalInfo()} adds the versions and the id. */
    protected abstract Map<String, String> settings();

    @Override
    public final String getId() {
        return id;
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

    @Override
    public final Map<String, String> getOperationalInfo() {
        return BundleInfo.operationalInfo(id, settings());
    }

    /**
     * A realm resource made per request by {@code resource}, with nothing to close: what a
     * {@code RealmResourceProviderFactory} of the bundle returns from {@code create}. A null resource makes Keycloak
     * answer 404 under the provider's path.
     */
    protected static RealmResourceProvider realmResource(Supplier<Object> resource) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource.get();
            }

            @Override
            public void close() {
            }
        };
    }
}
