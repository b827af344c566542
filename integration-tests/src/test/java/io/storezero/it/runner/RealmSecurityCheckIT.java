package io.storezero.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.testsupport.Authorize;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.RealmImportSets;
import io.storezero.it.support.StorezeroRunner;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Advisory SZ-2026-01: a dev database keeps the realm an earlier version imported, and Keycloak never imports a realm
 * that exists. The runner's check ({@code ./storezero check}, also run by every {@code ./storezero start}) must find
 * such a realm and say what to run. The realm here is the storezero realm as 0.1.0 shipped it, in the parts that
 * matter: {@code requiredCredentials: []} and Keycloak's own admin-cli with direct grants on.
 */
@ExtendWith(StorezeroServer.class)
class RealmSecurityCheckIT {

    private static final String LEGACY = "storezero-legacy-check";
    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void removeTheLegacyRealm() {
        ADMIN.removeRealm(LEGACY);
    }

    @Test
    void aRealmLeftOpenByAnEarlierVersionIsFoundAndTheFixIsNamed() throws Exception {
        ADMIN.removeRealm(LEGACY);
        ADMIN.createRealm(legacyStorezeroRealm());
        UserRepresentation victim = new UserRepresentation();
        victim.setUsername("victim");
        victim.setEmail("victim@example.org");
        victim.setEnabled(true);
        victim.setFirstName("Vic");
        victim.setLastName("Tim");
        KeycloakAdmin.createdId(ADMIN.realm(LEGACY).users().create(victim));
        // The door is really open in this realm: a user name and any password buy tokens.
        assertThat(passwordGrant(LEGACY, "victim", "not-the-password").statusCode()).isEqualTo(200);

        StorezeroRunner.Result open = check(LEGACY);

        assertThat(open.exitCode()).as(open.output()).isEqualTo(1);
        assertThat(open.output())
                .contains("realm '" + LEGACY + "': client 'admin-cli' has direct access grants on")
                .contains("SZ-2026-01")
                .contains("./storezero reset && ./storezero start")
                .doesNotContain("eyJ");
    }

    @Test
    void theRealmsTheBundleShipsPassTheCheck() throws Exception {
        StorezeroRunner.Result shipped = check();

        assertThat(shipped.exitCode()).as(shipped.output()).isZero();
        assertThat(shipped.output()).contains("no password-grant bypass in: facebook, storezero");
        assertThat(passwordGrant("storezero", "alice", "not-the-password").statusCode()).isNotEqualTo(200);
    }

    private static ObjectNode legacyStorezeroRealm() throws Exception {
        ObjectNode realm = (ObjectNode) JSON.readTree(RealmImportSets.folder(RealmImportSets.SIMULATED).resolve("storezero-realm.json").toFile());
        realm.put("realm", LEGACY);
        realm.putArray("requiredCredentials");
        realm.remove(List.of("directGrantFlow", "identityProviders", "identityProviderMappers"));
        ArrayNode clients = realm.putArray("clients");
        clients.add(JSON.createObjectNode().put("clientId", "legacy-spa").put("publicClient", true).put("directAccessGrantsEnabled", false));
        ArrayNode flows = (ArrayNode) realm.get("authenticationFlows");
        for (int i = flows.size() - 1; i >= 0; i--) {
            if ("storezero direct grant".equals(flows.get(i).path("alias").asText())) {
                flows.remove(i);
            }
        }
        return realm;
    }

    private static HttpResponse<String> passwordGrant(String realm, String username, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(StorezeroServer.KEYCLOAK_URL + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Authorize.formEncode(Map.of(
                        "grant_type", "password", "client_id", "admin-cli", "username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code ./storezero check} against the suite's Keycloak, through the suite's runner (its state and ports). */
    private static StorezeroRunner.Result check(String... realms) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(realms));
        return StorezeroServer.runner().run(Duration.ofSeconds(120), args.toArray(String[]::new));
    }
}
