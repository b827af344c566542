package io.storezero.keycloak.fedcm;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.keycloak.BundleInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/fedcm}: the realm as a FedCM identity provider, one more way back to a live session for an SPA
 * whose browser blocks third-party cookies: the browser itself asks Keycloak, with Keycloak's cookies, and hands the
 * page a token. Off for every client until its attribute {@value FedCm#CLIENT_ENABLED_ATTRIBUTE} is {@code true}.
 */
public final class FedCmResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    /** The path segment after the realm, and the provider id. */
    public static final String PROVIDER_ID = "fedcm";

    static final String CONFIG = "config.json";
    static final String ACCOUNTS = "accounts";
    static final String ASSERTION = "assertion";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new FedCmResource(session);
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

    /** The fixed policy, as an admin sees it under Provider info. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("paths", "/" + CONFIG + ", /" + ACCOUNTS + ", /" + ASSERTION);
        settings.put("client-switch", FedCm.CLIENT_ENABLED_ATTRIBUTE + "=true turns FedCM on for a client; off otherwise");
        settings.put("required-header", FedCm.FETCH_DEST_HEADER + ": " + FedCm.WEBIDENTITY + " on accounts and assertion");
        settings.put("assertion-origin", "listed by name in the client's Web Origins ('+' counts, '*' does not)");
        settings.put("token", "JSON text of access_token, id_token (with the request's nonce), token_type, expires_in, scope; no refresh token");
        settings.put("login-status", FedCm.SET_LOGIN_HEADER + ": " + FedCm.LOGGED_IN + " on the successful authorization response of every interactive OIDC login (not on prompt=none answers)");
        return BundleInfo.operationalInfo(PROVIDER_ID, settings);
    }
}
