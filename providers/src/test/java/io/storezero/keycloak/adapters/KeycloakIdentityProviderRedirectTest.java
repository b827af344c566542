package io.storezero.keycloak.adapters;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakIdentityProviderRedirectTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakIdentityProviderRedirect.class);

    @Test
    void keycloaksRedirectToAnIdentityProviderIsStillReachable() {
        KEYCLOAK.method("org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator", "redirect", void.class,
                AuthenticationFlowContext.class, String.class);
    }

    @Test
    void theNotesARedirectorReadsAreUnchanged() {
        KEYCLOAK.constant("org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint", "LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX",
                "client_request_param_");
        KEYCLOAK.constant("org.keycloak.constants.AdapterConstants", "KC_IDP_HINT", "kc_idp_hint");
        KEYCLOAK.constant("org.keycloak.authentication.AuthenticationProcessor", "FORWARDED_PASSIVE_LOGIN", "forwarded.passive.login");
        assertThat(KeycloakIdentityProviderRedirect.requestParameterNote("connection")).isEqualTo("client_request_param_connection");
    }
}
