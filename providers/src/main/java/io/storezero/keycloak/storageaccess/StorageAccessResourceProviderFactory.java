package io.storezero.keycloak.storageaccess;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storezero.keycloak.BundleProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/storage-access}: the Storage Access API path back to a live session for SPAs on another site
 * than Keycloak when the browser blocks third-party cookies (what keycloak#23872 asks for). The SPA shows
 * {@code /frame?client_id=...&origin=...&redirect_uri=...&response_type=...} in a visible iframe; one click there and
 * the silent authorization request in that frame sees the session again.
 */
public final class StorageAccessResourceProviderFactory extends BundleProviderFactory<RealmResourceProvider> implements RealmResourceProviderFactory {

    /** The path segment after the realm, and the provider id. */
    public static final String PROVIDER_ID = "storage-access";

    static final String FRAME = "frame";

    public StorageAccessResourceProviderFactory() {
        super(PROVIDER_ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return realmResource(() -> new StorageAccessResource(session));
    }

    /** The frame's fixed policy, as an admin sees it under Provider info. */
    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("path.frame", "/" + FRAME);
        settings.put("client-switch", StorageAccess.CLIENT_ENABLED_ATTRIBUTE + "=false turns the frame off for a client; on otherwise");
        settings.put("required-parameters", StorageAccessRequest.ORIGIN + ", " + String.join(", ", StorageAccessRequest.REQUIRED));
        settings.put("forwarded-parameters", String.join(", ", StorageAccessRequest.OPTIONAL));
        settings.put("fixed-parameters", "prompt=none, response_mode=web_message");
        settings.put("embedding-origin", "listed by name in the client's Web Origins ('+' counts, '*' does not); the redirect_uri on that origin");
        settings.put("page-content-security-policy", "default-src 'none'; script-src '" + StorageAccessPage.SCRIPT_HASH
                + "'; frame-ancestors <embedding origin>; base-uri 'none'; form-action 'none'");
        return settings;
    }
}
