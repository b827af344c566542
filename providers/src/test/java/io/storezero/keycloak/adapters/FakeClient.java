package io.storezero.keycloak.adapters;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.ClientModel;

/**
 * A ClientModel with only what Keycloak's static client utilities read: Web Origins, redirect URIs, root URL and
 * attributes. Keycloak has no ClientModel outside a running store; anything else called on it fails the test, so a
 * Keycloak upgrade that makes those utilities read more shows up here.
 */
final class FakeClient {

    private FakeClient() {
    }

    static ClientModel of(Set<String> webOrigins, Set<String> redirectUris, Map<String, String> attributes) {
        Map<String, String> attrs = new HashMap<>(attributes);
        return (ClientModel) Proxy.newProxyInstance(ClientModel.class.getClassLoader(), new Class<?>[]{ClientModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getWebOrigins" -> webOrigins;
                    case "getRedirectUris" -> redirectUris;
                    case "getRootUrl" -> null;
                    case "getAttribute" -> attrs.get((String) args[0]);
                    case "getAttributes" -> attrs;
                    case "getClientId" -> "spa";
                    case "toString" -> "FakeClient";
                    default -> throw new UnsupportedOperationException("Keycloak now reads ClientModel." + method.getName()
                            + "; extend FakeClient if the adapter still holds");
                });
    }
}
