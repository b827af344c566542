package io.storezero.keycloak.auth0;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/auth0}: the paths Auth0's browser SDKs call ({@code /authorize}, {@code /oauth/token},
 * {@code /v2/logout}, ...), each answered by Keycloak's own OIDC endpoint for the realm. An SPA written against
 * auth0-spa-js or auth0.js moves to Keycloak by pointing its {@code domain} at this prefix. Off in every realm until
 * its attribute {@value #REALM_ENABLED_ATTRIBUTE} is {@code "true"}: elsewhere every path answers 404, as if the
 * bundle were not installed.
 */
public final class Auth0ResourceProviderFactory extends BundleProviderFactory<RealmResourceProvider> implements RealmResourceProviderFactory {

    /** The path segment after the realm, and the provider id. */
    public static final String PROVIDER_ID = "auth0";

    /**
     * Realm attribute; exactly {@code "true"} serves the Auth0-shaped endpoints in that realm. Off by default (master
     * included): they are a second door to the realm's logins, opened only where an administrator migrates Auth0 apps.
     */
    public static final String REALM_ENABLED_ATTRIBUTE = "storezero.auth0.enabled";

    /** The paths under {@code /realms/{realm}/auth0/}, as Auth0 names them (the resource's {@code @Path}s). */
    static final String AUTHORIZE = "authorize";
    static final String TOKEN = "oauth/token";
    static final String USERINFO = "userinfo";
    static final String LOGOUT = "v2/logout";
    static final String DISCOVERY = ".well-known/openid-configuration";
    static final String JWKS = ".well-known/jwks.json";

    public Auth0ResourceProviderFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        // null: Keycloak's RealmsResource then answers 404, for every path and method under the prefix.
        return realmResource(() -> isEnabledIn(session.getContext().getRealm()) ? new Auth0Resource(session) : null);
    }

    /** Whether {@code realm} serves the Auth0-shaped endpoints ({@value #REALM_ENABLED_ATTRIBUTE} is exactly "true"). */
    public static boolean isEnabledIn(RealmModel realm) {
        return realm != null && "true".equals(realm.getAttribute(REALM_ENABLED_ATTRIBUTE));
    }

    /** The paths an admin can point an Auth0 SDK at, and the limits of the JSON token body. */
    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("realm-switch", REALM_ENABLED_ATTRIBUTE + "=true serves these paths in a realm; 404 otherwise");
        settings.put("path.authorize", "/" + AUTHORIZE);
        settings.put("path.token", "/" + TOKEN);
        settings.put("path.userinfo", "/" + USERINFO);
        settings.put("path.logout", "/" + LOGOUT);
        settings.put("path.discovery", "/" + DISCOVERY);
        settings.put("path.jwks", "/" + JWKS);
        settings.put("token.json-body-max-bytes", String.valueOf(JsonTokenForm.MAX_BODY_BYTES));
        settings.put("token.json-value-max-bytes", String.valueOf(JsonTokenForm.MAX_VALUE_BYTES));
        settings.put("token.preflight-allowed-headers", Auth0Cors.ALLOWED_HEADERS);
        return settings;
    }
}
