package io.storezero.providers.auth0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.providers.framework.SpaPages;
import io.storezero.providers.framework.StorezeroServerConfig;
import io.storezero.providers.support.Auth0RealmTest;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/** The /auth0 paths at the HTTP level: CORS, discovery, keys, token errors, logout redirects. */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class Auth0EndpointsIT extends Auth0RealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPreflightFromAWebOriginOfAClientAdmitsTheAuth0ClientHeader() throws Exception {
        HttpResponse<String> response = preflight(pages.origin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(pages.origin());
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h).contains("Auth0-Client"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
    }

    @Test
    void aPreflightFromAnOriginThatIsNoWebOriginOfAnyClientIsRefused() throws Exception {
        HttpResponse<String> response = preflight(SpaPages.FOREIGN_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void theTokenEndpointAnswersErrorsAsTheSdksParseThemForFormAndJsonBodies() throws Exception {
        HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(domain() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", pages.origin())
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=spa&code=nope&redirect_uri="
                        + pages.url("/") + "&code_verifier=" + "v".repeat(43))));
        HttpResponse<String> json = send(HttpRequest.newBuilder(URI.create(domain() + "/oauth/token"))
                .header("Content-Type", "application/json").header("Origin", pages.origin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\",\"client_id\":\"spa\",\"code\":\"nope\","
                        + "\"redirect_uri\":\"" + pages.url("/") + "\",\"code_verifier\":\"" + "v".repeat(43) + "\"}")));

        for (HttpResponse<String> response : java.util.List.of(form, json)) {
            String what = response.request().headers().firstValue("Content-Type").orElse("") + " -> " + response.headers().map() + " " + response.body();
            assertThat(response.statusCode()).as(what).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("error").asText()).as(what).isEqualTo("invalid_grant");
            assertThat(body.path("error_description").asText()).as(what).isNotBlank();
            // Readable by the app's origin (a Web Origin of spa), so the SDK sees the error, not a CORS failure.
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(what).contains(pages.origin());
        }
    }

    @Test
    void discoveryDescribesTheRealmWithTheAuth0Paths() throws Exception {
        JsonNode discovery = JSON.readTree(send(HttpRequest.newBuilder(URI.create(domain() + "/.well-known/openid-configuration")).GET()).body());

        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer());
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(domain() + "/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(domain() + "/oauth/token");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo(domain() + "/userinfo");
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(domain() + "/.well-known/jwks.json");
        assertThat(discovery.path("response_modes_supported").toString()).contains("web_message");
    }

    @Test
    void jwksJsonIsTheRealmsKeySet() throws Exception {
        HttpResponse<String> jwks = send(HttpRequest.newBuilder(URI.create(domain() + "/.well-known/jwks.json")).header("Origin", pages.origin()).GET());
        JsonNode certs = JSON.readTree(send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs")).GET()).body());

        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(jwks.body())).isEqualTo(certs);
        assertThat(jwks.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void logoutRefusesAReturnToThatIsNotARegisteredPostLogoutRedirectUri() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(domain() + "/v2/logout?client_id=spa&returnTo="
                + java.net.URLEncoder.encode("https://attacker.example/", java.nio.charset.StandardCharsets.UTF_8))).GET());
        HttpResponse<String> notRegistered = send(HttpRequest.newBuilder(URI.create(domain() + "/v2/logout?client_id=spa&returnTo="
                + java.net.URLEncoder.encode(pages.url("/elsewhere"), java.nio.charset.StandardCharsets.UTF_8))).GET());
        HttpResponse<String> withoutClient = send(HttpRequest.newBuilder(URI.create(domain() + "/v2/logout?returnTo="
                + java.net.URLEncoder.encode(pages.url("/sdk/x"), java.nio.charset.StandardCharsets.UTF_8))).GET());
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(domain() + "/v2/logout?client_id=spa&returnTo="
                + java.net.URLEncoder.encode(pages.url("/sdk/logged-out"), java.nio.charset.StandardCharsets.UTF_8))).GET());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(notRegistered.statusCode()).isEqualTo(400);
        assertThat(withoutClient.statusCode()).isEqualTo(400);
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location")).contains(pages.url("/sdk/logged-out"));
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(domain() + "/oauth/token"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "auth0-client,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
