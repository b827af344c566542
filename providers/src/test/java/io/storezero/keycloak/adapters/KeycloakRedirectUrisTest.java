package io.storezero.keycloak.adapters;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakRedirectUrisTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakRedirectUris.class);
    private static final String REDIRECT_UTILS = "org.keycloak.protocol.oidc.utils.RedirectUtils";
    private static final String CONFIG_WRAPPER = "org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper";

    @Test
    void keycloaksRedirectUriChecksAreStillThere() {
        KEYCLOAK.staticMethod(REDIRECT_UTILS, "verifyRedirectUri", String.class, KeycloakSession.class, String.class, ClientModel.class);
        KEYCLOAK.staticMethod(REDIRECT_UTILS, "verifyRedirectUri", String.class, KeycloakSession.class, String.class, String.class,
                Set.class, boolean.class);
        KEYCLOAK.staticMethod(CONFIG_WRAPPER, "fromClientModel", KEYCLOAK.type(CONFIG_WRAPPER), ClientModel.class);
        KEYCLOAK.method(CONFIG_WRAPPER, "getPostLogoutRedirectUris", List.class);
        KEYCLOAK.method(CONFIG_WRAPPER, "isExcludeIssuerFromAuthResponse", boolean.class);
    }

    @Test
    void theIssuerSwitchIsStillReadFromTheClientAttribute() {
        ClientModel excludes = FakeClient.of(Set.of(), Set.of(), Map.of("exclude.issuer.from.auth.response", "true"));
        ClientModel includes = FakeClient.of(Set.of(), Set.of(), Map.of());

        assertThat(KeycloakRedirectUris.excludesIssuerFromAuthResponse(excludes))
                .as(KEYCLOAK.moved("the client attribute behind isExcludeIssuerFromAuthResponse")).isTrue();
        assertThat(KeycloakRedirectUris.excludesIssuerFromAuthResponse(includes)).isFalse();
    }
}
