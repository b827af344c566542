package io.storezero.it.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Auth0-shaped endpoints answer only in a realm that switches them on ({@code storezero.auth0.enabled} =
 * {@code "true"}): master and a realm without the attribute answer 404 on every path and method under
 * {@code /auth0}, as if the bundle were not installed; the test realm that switches them on answers.
 */
@ExtendWith(StorezeroServer.class)
class Auth0RealmSwitchIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<String> GET_PATHS = List.of("/.well-known/openid-configuration", "/.well-known/jwks.json",
            "/authorize?client_id=spa&response_type=code&redirect_uri=http%3A%2F%2Flocalhost%2F", "/userinfo",
            "/v2/logout?client_id=spa");

    @BeforeAll
    static void realms() {
        KeycloakAdmin.local().ensureRealm("/realms/upstream-it.json");
        KeycloakAdmin.local().ensureRealm("/realms/auth0-it.json");
        KeycloakAdmin.local().ensureRealm("/realms/webmessage-it.json");
    }

    @Test
    void masterAndARealmWithoutTheSwitchAnswer404OnEveryAuth0Path() throws Exception {
        for (String realm : List.of("master", "webmessage-it")) {
            String base = StorezeroServer.KEYCLOAK_URL + "/realms/" + realm + "/auth0";
            for (String path : GET_PATHS) {
                assertThat(send(HttpRequest.newBuilder(URI.create(base + path)).GET()).statusCode()).as("GET %s%s", realm, path).isEqualTo(404);
            }
            HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\",\"client_id\":\"spa\",\"code\":\"x\"}")));
            assertThat(token.statusCode()).as("POST %s/oauth/token", realm).isEqualTo(404);
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                    .header("Origin", "http://localhost:1").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.statusCode()).as("OPTIONS %s/oauth/token", realm).isEqualTo(404);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("no CORS grant in %s", realm).isEmpty();
        }
    }

    @Test
    void aRealmThatSwitchesThemOnAnswers() throws Exception {
        String base = StorezeroServer.KEYCLOAK_URL + "/realms/auth0-it/auth0";
        HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")).GET());
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("/realms/auth0-it/auth0/authorize");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).GET()).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
