package io.storezero.keycloak.fedcm;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/fedcm}: the realm as a FedCM identity provider, one more way back to a live session for an SPA
 * whose browser blocks third-party cookies: the browser itself asks Keycloak, with Keycloak's cookies, and hands the
 * page an authorization code. Off for every client until its attribute {@value FedCm#CLIENT_ENABLED_ATTRIBUTE} is
 * {@code true}; a realm without such a client answers 404 on every path.
 */
public final class FedCmResourceProviderFactory extends BundleProviderFactory<RealmResourceProvider> implements RealmResourceProviderFactory {

    /** The path segment after the realm, and the provider id. */
    public static final String PROVIDER_ID = "fedcm";

    static final String CONFIG = "config.json";
    static final String ACCOUNTS = "accounts";
    static final String ASSERTION = "assertion";

    public FedCmResourceProviderFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return realmResource(() -> new FedCmResource(session));
    }

    /** The fixed policy, as an admin sees it under Provider info. */
    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("paths", "/" + CONFIG + ", /" + ACCOUNTS + ", /" + ASSERTION);
        settings.put("client-switch", FedCm.CLIENT_ENABLED_ATTRIBUTE + "=true turns FedCM on for a client; off otherwise");
        settings.put("realm", "every path answers 404 in a realm where no enabled client has FedCM on");
        settings.put("dynamic-clients", "the switch counts on a client that dynamic client registration can write only if the realm attribute "
                + FedCm.REALM_DYNAMIC_CLIENTS_ATTRIBUTE + "=true");
        settings.put("required-header", FedCm.FETCH_DEST_HEADER + ": " + FedCm.WEBIDENTITY + " on accounts and assertion");
        settings.put("assertion-origin", "listed by name in the client's Web Origins ('+' counts, '*' does not)");
        settings.put("token", "JSON text of an authorization response (code, iss): the assertion is a prompt=none code request answered by "
                + "Keycloak's authorization endpoint, with the page's PKCE challenge (S256) and redirect URI from params; the page "
                + "redeems the code at the token endpoint");
        settings.put("accounts", "reads the SSO session without refreshing it");
        settings.put("login-status", FedCm.SET_LOGIN_HEADER + ": " + FedCm.LOGGED_IN + " on the successful authorization response of every interactive OIDC login (not on prompt=none answers)");
        return settings;
    }
}
