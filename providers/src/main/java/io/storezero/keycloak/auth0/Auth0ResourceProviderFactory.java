package io.storezero.keycloak.auth0;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/auth0}: the paths Auth0's browser SDKs call ({@code /authorize}, {@code /oauth/token},
 * {@code /v2/logout}, ...), each answered by Keycloak's own OIDC endpoint for the realm. An SPA written against
 * auth0-spa-js or auth0.js moves to Keycloak by pointing its {@code domain} at this prefix.
 */
public final class Auth0ResourceProviderFactory implements RealmResourceProviderFactory {

    /** The path segment after the realm, and the provider id. */
    public static final String PROVIDER_ID = "auth0";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Auth0Resource(session);
            }

            @Override
            public void close() {
            }
        };
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
    public String getId() {
        return PROVIDER_ID;
    }
}
