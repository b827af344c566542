package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakErrorPagesTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakErrorPages.class);
    private static final String MESSAGES = "org.keycloak.services.messages.Messages";

    @Test
    void theErrorPageIsStillAnsweredAndThrownTheSameWay() {
        KEYCLOAK.staticMethod("org.keycloak.services.ErrorPage", "error", Response.class, KeycloakSession.class,
                AuthenticationSessionModel.class, Response.Status.class, String.class, Object[].class);
        KEYCLOAK.constructor("org.keycloak.services.ErrorPageException", KeycloakSession.class, Response.Status.class,
                String.class, Object[].class);
        KEYCLOAK.isSubclass("org.keycloak.services.ErrorPageException", RuntimeException.class.getName());
    }

    @Test
    void theMessageKeysTheThemeTranslatesAreUnchanged() {
        KEYCLOAK.constant(MESSAGES, "INVALID_REDIRECT_URI", "invalidRedirectUriMessage");
        KEYCLOAK.constant(MESSAGES, "INVALID_PARAMETER", "invalidParameterMessage");
        KEYCLOAK.constant(MESSAGES, "ACCOUNT_DISABLED", "accountDisabledMessage");
        assertThat(KeycloakErrorPages.INVALID_REDIRECT_URI).isEqualTo("invalidRedirectUriMessage");
    }
}
