package io.storezero.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few admin REST calls the tests need, as the bootstrap admin the runner creates. */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public KeycloakAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static KeycloakAdmin local() {
        return new KeycloakAdmin(StorezeroServer.KEYCLOAK_URL);
    }

    /** Imports a realm file from the test resources unless a realm of that name exists already. */
    public void ensureRealm(String resource) {
        try (InputStream in = KeycloakAdmin.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            JsonNode realm = JSON.readTree(in);
            String name = realm.get("realm").asText();
            if (send(request("/admin/realms/" + name).GET()).statusCode() == 200) {
                return;
            }
            HttpResponse<String> created = send(request("/admin/realms")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(realm))));
            if (created.statusCode() != 201) {
                throw new IllegalStateException("realm import failed: " + created.statusCode() + " " + created.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User events of a realm, newest first. */
    public List<JsonNode> events(String realm, String type) {
        HttpResponse<String> response = send(request("/admin/realms/" + realm + "/events?max=500&type=" + type).GET());
        try {
            List<JsonNode> events = new ArrayList<>();
            JSON.readTree(response.body()).forEach(events::add);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw JSON of every stored event and admin event of a realm, for leak checks. */
    public String allEventsJson(String realm) {
        return send(request("/admin/realms/" + realm + "/events?max=10000").GET()).body()
                + send(request("/admin/realms/" + realm + "/admin-events?max=10000").GET()).body();
    }

    public JsonNode get(String path) {
        try {
            return JSON.readTree(send(request(path).GET()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int put(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs a representation and answers the id of what it created (the last segment of Location). */
    public String create(String path, Object body) {
        try {
            HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + " " + response.body());
            }
            String location = response.headers().firstValue("Location").orElseThrow();
            return location.substring(location.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int delete(String path) {
        return send(request(path).DELETE()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token());
    }

    private String token() {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                "password", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))));
        try {
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** DELETEs several paths with one admin token: cheaper when a test resets state between many quick attempts. */
    public void deleteAll(List<String> paths) {
        String token = token();
        paths.forEach(path -> send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token).DELETE()));
    }
}
