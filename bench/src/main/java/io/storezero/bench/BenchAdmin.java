package io.storezero.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The bench realm's lifetime, through Keycloak's admin REST API with plain HTTP (the run needs three calls, not the
 * admin client and its REST stack): created from {@code bench/bench-realm.json} with the pages' origin filled in,
 * deleted at the end, so a Keycloak the run was pointed at is left as it was found.
 */
public final class BenchAdmin {

    public static final String REALM = "storezero-bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String keycloakUrl;
    private final String user;
    private final String password;

    public BenchAdmin(String keycloakUrl, String user, String password) {
        this.keycloakUrl = keycloakUrl;
        this.user = user;
        this.password = password;
    }

    /** Creates the bench realm for pages on {@code origin}, replacing one a crashed run left behind. */
    public void createRealm(String origin) {
        deleteRealm();
        String realm = resource("/bench/bench-realm.json").replace("${BENCH_ORIGIN}", origin);
        HttpResponse<String> response = send(authorized("/admin/realms").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realm)));
        expect(response, 201, "create realm " + REALM);
    }

    public void deleteRealm() {
        HttpResponse<String> response = send(authorized("/admin/realms/" + REALM).DELETE());
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            expect(response, 204, "delete realm " + REALM);
        }
    }

    /** The server's version, as its admin API states it. */
    public String serverVersion() {
        HttpResponse<String> response = send(authorized("/admin/serverinfo").GET());
        expect(response, 200, "read the server info");
        return tree(response.body()).path("systemInfo").path("version").asText("unknown");
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(keycloakUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + accessToken());
    }

    private String accessToken() {
        String form = Map.of("grant_type", "password", "client_id", "admin-cli", "username", user, "password", password)
                .entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        // Never the body: it would be a token.
        expect(response, 200, "sign in to the master realm as " + user);
        return tree(response.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + keycloakUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("could not " + what + ": HTTP " + response.statusCode());
        }
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = BenchAdmin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
