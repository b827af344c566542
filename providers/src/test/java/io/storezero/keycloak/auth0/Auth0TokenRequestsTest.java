package io.storezero.keycloak.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The origin rule itself is the one Web Origin check's: see {@code KeycloakWebOriginsTest}. */
class Auth0TokenRequestsTest {

    @Test
    void givenThePreflightHeaders_thenAuth0ClientIsAdmitted() {
        assertThat(Auth0Cors.ALLOWED_HEADERS).contains("Auth0-Client").contains("Content-Type");
    }
}
