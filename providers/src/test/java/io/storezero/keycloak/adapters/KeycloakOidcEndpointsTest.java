package io.storezero.keycloak.adapters;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakOidcEndpointsTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakOidcEndpoints.class);
    private static final String SERVICE = "org.keycloak.protocol.oidc.OIDCLoginProtocolService";

    @Test
    void theProtocolResourceStillHasTheEndpointsTheAuth0PathsHandOver() {
        KEYCLOAK.method("org.keycloak.protocol.LoginProtocolFactory", "createProtocolEndpoint", Object.class, KeycloakSession.class, EventBuilder.class);
        KEYCLOAK.method(SERVICE, "auth", Object.class);
        KEYCLOAK.method(SERVICE, "token", Object.class);
        KEYCLOAK.method(SERVICE, "issueUserInfo", Object.class);
        KEYCLOAK.method(SERVICE, "certs", Response.class);
        KEYCLOAK.method(SERVICE, "getVersionPreflight", Response.class);
        KEYCLOAK.method("org.keycloak.protocol.oidc.endpoints.TokenEndpoint", "processGrantRequest", Response.class);
        KEYCLOAK.method("org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint", "buildPost", Response.class);
    }

    @Test
    void theTokenSubResourceIsStillTheTokenEndpoint() throws NoSuchMethodException {
        // token() is declared as Object; the adapter casts. Keycloak's own dispatch relies on the same class.
        assertThat(KEYCLOAK.type(SERVICE).getMethod("token").getReturnType()).isEqualTo(Object.class);
        KEYCLOAK.constructor("org.keycloak.protocol.oidc.endpoints.TokenEndpoint", KeycloakSession.class,
                KEYCLOAK.type("org.keycloak.protocol.oidc.TokenManager"), EventBuilder.class);
    }

    @Test
    void theProtocolIdIsStillOpenidConnect() {
        KEYCLOAK.constant("org.keycloak.protocol.oidc.OIDCLoginProtocol", "LOGIN_PROTOCOL", "openid-connect");
        assertThat(KeycloakOidcEndpoints.PROTOCOL).isEqualTo("openid-connect");
    }
}
