package io.storezero.keycloak.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class Auth0TokenRequestsTest {

    @Test
    void givenWebOrigins_thenOnlyListedOriginsOrTheWildcardAreAllowed() {
        assertThat(Auth0Cors.allows(Set.of("http://localhost:3100"), "http://localhost:3100")).isTrue();
        assertThat(Auth0Cors.allows(Set.of("http://localhost:3100"), "http://127.0.0.1:3101")).isFalse();
        assertThat(Auth0Cors.allows(Set.of("*"), "https://anything.example")).isTrue();
        assertThat(Auth0Cors.allows(Set.of(), "http://localhost:3100")).isFalse();
    }

    @Test
    void givenThePreflightHeaders_thenAuth0ClientIsAdmitted() {
        assertThat(Auth0Cors.ALLOWED_HEADERS).contains("Auth0-Client").contains("Content-Type");
    }
}
