package io.storezero.keycloak.adapters;

import org.junit.jupiter.api.Test;

class KeycloakSecurityHeadersTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakSecurityHeaders.class);

    @Test
    void aResponseCanStillSwitchKeycloaksSecurityHeadersOff() {
        Class<?> options = KEYCLOAK.type("org.keycloak.headers.SecurityHeadersOptions");
        KEYCLOAK.method("org.keycloak.headers.SecurityHeadersProvider", "options", options);
        KEYCLOAK.method(options.getName(), "skipHeaders", options);
    }
}
