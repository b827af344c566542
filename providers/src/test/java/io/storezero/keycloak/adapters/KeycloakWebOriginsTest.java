package io.storezero.keycloak.adapters;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;

import static io.storezero.keycloak.adapters.KeycloakWebOrigins.Rule.CORS;
import static io.storezero.keycloak.adapters.KeycloakWebOrigins.Rule.NAMED_ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The one Web Origin check, on Keycloak's real {@code WebOriginsUtils}. */
class KeycloakWebOriginsTest {

    private static final KeycloakContract KEYCLOAK = KeycloakContract.of(KeycloakWebOrigins.class);

    /** No session: Keycloak only needs one to resolve relative redirect URIs, and these are absolute. */
    private static final KeycloakSession NO_SESSION = null;

    @Test
    void keycloakStillResolvesWebOriginsTheWayTheCheckReadsThem() {
        KEYCLOAK.staticMethod("org.keycloak.protocol.oidc.utils.WebOriginsUtils", "resolveValidWebOrigins", Set.class,
                KeycloakSession.class, ClientModel.class);
        assertThat(Constants.INCLUDE_REDIRECTS).as(KEYCLOAK.moved("the '+' Web Origin (Constants.INCLUDE_REDIRECTS)")).isEqualTo("+");
    }

    @Test
    void plusAdmitsTheOriginsOfTheRedirectUrisByKeycloaksExpansion() {
        ClientModel client = client(Set.of("+"), Set.of("https://app.example/callback", "http://localhost:3100/*", "com.example.app:/cb"));

        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://app.example", NAMED_ORIGIN)).isTrue();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "http://localhost:3100", NAMED_ORIGIN)).isTrue();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "http://localhost:3100", CORS)).isTrue();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://evil.example", NAMED_ORIGIN)).isFalse();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://evil.example", CORS)).isFalse();
    }

    @Test
    void aWildcardAdmitsAnyOriginForCorsButNoWebMessage() {
        ClientModel client = client(Set.of("*"), Set.of("https://app.example/callback"));

        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://anything.example", CORS)).isTrue();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://anything.example", NAMED_ORIGIN)).isFalse();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client, "https://app.example", NAMED_ORIGIN)).isFalse();
    }

    @Test
    void corsComparesVerbatimAsKeycloaksCorsDoes() {
        assertThat(KeycloakWebOrigins.matches(Set.of("http://localhost:3100"), "http://localhost:3100", CORS)).isTrue();
        assertThat(KeycloakWebOrigins.matches(Set.of("http://localhost:3100"), "http://127.0.0.1:3101", CORS)).isFalse();
        assertThat(KeycloakWebOrigins.matches(Set.of("https://App.example:443"), "https://app.example", CORS)).isFalse();
        assertThat(KeycloakWebOrigins.matches(Set.of("*"), "https://anything.example", CORS)).isTrue();
        assertThat(KeycloakWebOrigins.matches(Set.of(), "http://localhost:3100", CORS)).isFalse();
    }

    @Test
    void aNamedOriginMatchesInAnySpellingOfTheSameOrigin() {
        assertThat(KeycloakWebOrigins.matches(Set.of("https://App.Example:443"), "https://app.example", NAMED_ORIGIN)).isTrue();
        assertThat(KeycloakWebOrigins.matches(Set.of("http://localhost:80"), "http://localhost", NAMED_ORIGIN)).isTrue();
        assertThat(KeycloakWebOrigins.matches(Set.of("https://app.example:8443"), "https://app.example", NAMED_ORIGIN)).isFalse();
        assertThat(KeycloakWebOrigins.matches(Set.of("http://app.example"), "https://app.example", NAMED_ORIGIN)).isFalse();
        assertThat(KeycloakWebOrigins.matches(Set.of("com.example.app://cb", "not a uri"), "https://app.example", NAMED_ORIGIN)).isFalse();
    }

    @Test
    void noClientOrNoOriginIsNeverAdmitted() {
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, null, "https://app.example", CORS)).isFalse();
        assertThat(KeycloakWebOrigins.isWebOriginOf(NO_SESSION, client(Set.of("*"), Set.of()), null, CORS)).isFalse();
    }

    private static ClientModel client(Set<String> webOrigins, Set<String> redirectUris) {
        return FakeClient.of(webOrigins, redirectUris, Map.of());
    }
}
