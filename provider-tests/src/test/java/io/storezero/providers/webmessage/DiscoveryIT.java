package io.storezero.providers.webmessage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.providers.framework.StorezeroServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** A realm's discovery document tells clients that web_message is there, at the standard endpoint: any realm, no set-up. */
@KeycloakIntegrationTest(config = StorezeroServerConfig.class)
class DiscoveryIT {

    @InjectRealm
    ManagedRealm realm;

    @Test
    void discoveryListsWebMessageBesideKeycloaksOwnModesAndTheStandardEndpoint() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realm.getBaseUrl() + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = new ObjectMapper().readTree(response.body());
        List<String> modes = new ArrayList<>();
        config.get("response_modes_supported").forEach(mode -> modes.add(mode.asText()));
        assertThat(modes).contains("query", "fragment", "form_post", "web_message").doesNotHaveDuplicates();
        assertThat(config.get("authorization_endpoint").asText()).isEqualTo(realm.getBaseUrl() + "/protocol/openid-connect/auth");
        assertThat(config.get("issuer").asText()).isEqualTo(realm.getBaseUrl());
    }
}
