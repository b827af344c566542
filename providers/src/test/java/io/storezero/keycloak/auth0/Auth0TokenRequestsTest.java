package io.storezero.keycloak.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class Auth0TokenRequestsTest {

    @Test
    void givenAJsonTokenRequest_thenScalarsBecomeFormValuesAndStructuresAreDropped() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("client_id", "spa");
        body.put("expires", 3);
        body.put("nested", Map.of("a", "b"));
        body.put("list", List.of("x"));
        body.put("nothing", null);

        MultivaluedMap<String, String> form = Auth0TokenRequests.asForm(body);

        assertThat(form.keySet()).containsExactlyInAnyOrder("grant_type", "client_id", "expires");
        assertThat(form.getFirst("expires")).isEqualTo("3");
    }

    @Test
    void givenNoBody_thenTheFormIsEmpty() {
        assertThat(Auth0TokenRequests.asForm(null)).isEmpty();
    }

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
