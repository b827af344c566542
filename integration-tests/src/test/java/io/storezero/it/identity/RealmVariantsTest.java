package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.it.support.ProjectRoot;
import io.storezero.it.support.RealmImportSets;
import org.junit.jupiter.api.Test;

/**
 * The realm variants as operators import them: one storezero realm (realm-export/storezero-realm.json) and a JSON Merge
 * Patch per Facebook setup (realm-export/variants/), merged by the build into server/target/realms/. The dev set
 * brokers to the simulated Facebook realm; the production set uses Keycloak's Facebook provider and carries nothing of
 * the dev setup. Everything else is the shared realm, so a setting is changed in one place.
 */
class RealmVariantsTest {

    /** The only parts of the realm a variant sets: the provider and its mappers (docs/identity.md). */
    private static final List<String> VARIANT_KEYS = List.of("identityProviders", "identityProviderMappers");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The storezero realm of the dev set (./storezero start). */
    static JsonNode dev() {
        return read(RealmImportSets.folder(RealmImportSets.SIMULATED).resolve("storezero-realm.json"));
    }

    /** The storezero realm of the production set (the Docker image, STOREZERO_FACEBOOK=real). */
    static JsonNode production() {
        return read(RealmImportSets.folder(RealmImportSets.REAL).resolve("storezero-realm.json"));
    }

    @Test
    void bothSetsAreTheSharedRealmPlusOnlyTheirIdentityProvider() {
        JsonNode shared = read(ProjectRoot.get().resolve("realm-export/storezero-realm.json"));

        assertThat(VARIANT_KEYS).as("the shared realm leaves the identity provider to the variants").noneMatch(shared::has);
        assertThat(shared.toString()).as("the shared realm takes its URLs from the environment").doesNotContain("localhost");
        for (String variant : List.of("simulated-facebook", "facebook")) {
            assertThat(read(ProjectRoot.get().resolve("realm-export/variants/" + variant + ".json")).fieldNames())
                    .toIterable().as("keys variant %s sets", variant).containsExactlyInAnyOrderElementsOf(VARIANT_KEYS);
        }
        for (JsonNode realm : List.of(dev(), production())) {
            ObjectNode rest = realm.deepCopy();
            rest.remove(VARIANT_KEYS);
            assertThat(rest).as("%s without its identity provider", realm.path("realm")).isEqualTo(shared);
        }
    }

    @Test
    void theProductionSetUsesKeycloaksFacebookProviderAndNothingOfTheDevSetup() throws IOException {
        JsonNode facebook = production().get("identityProviders").get(0);

        assertThat(RealmImportSets.files(RealmImportSets.REAL)).extracting(file -> file.getFileName().toString())
                .as("no simulated facebook realm in production").containsExactly("storezero-realm.json");
        assertThat(facebook.get("providerId").asText()).isEqualTo("facebook");
        assertThat(facebook.get("config").get("clientId").asText()).isEqualTo("${STOREZERO_FACEBOOK_APP_ID}");
        assertThat(facebook.get("config").get("clientSecret").asText()).isEqualTo("${STOREZERO_FACEBOOK_APP_SECRET}");
        assertThat(production().get("identityProviderMappers").findValuesAsText("identityProviderMapper"))
                .containsExactlyInAnyOrder("storezero-upstream-user-id-idp-mapper", "facebook-user-attribute-mapper");
        assertThat(Files.readString(RealmImportSets.folder(RealmImportSets.REAL).resolve("storezero-realm.json")))
                .doesNotContain("localhost").doesNotContain("127.0.0.1").doesNotContain("storezero-dev-only-secret")
                .doesNotContain("/realms/facebook").doesNotContain("STOREZERO_KEYCLOAK_URL");
    }

    @Test
    void theDevSetBrokersToTheSimulatedFacebookRealmOnThisKeycloak() {
        JsonNode facebook = dev().get("identityProviders").get(0);
        JsonNode broker = read(RealmImportSets.folder(RealmImportSets.SIMULATED).resolve("facebook-realm.json")).get("clients").get(0);

        assertThat(facebook.get("providerId").asText()).isEqualTo("oidc");
        assertThat(facebook.get("config").get("issuer").asText()).isEqualTo("${STOREZERO_KEYCLOAK_URL}/realms/facebook");
        for (String url : List.of("authorizationUrl", "tokenUrl", "userInfoUrl", "jwksUrl")) {
            assertThat(facebook.get("config").get(url).asText()).as(url).startsWith("${STOREZERO_KEYCLOAK_URL}/realms/facebook/");
        }
        assertThat(dev().toString()).as("the dev set needs no Facebook app").doesNotContain("STOREZERO_FACEBOOK_APP");
        assertThat(broker.get("secret").asText()).isEqualTo(facebook.get("config").get("clientSecret").asText());
        assertThat(broker.get("redirectUris").get(0).asText()).isEqualTo("${STOREZERO_KEYCLOAK_URL}/realms/storezero/broker/facebook/endpoint");
    }

    /** Arrays replace whole in a merge patch, so the provider's shared part is in both variants: they must agree on it. */
    @Test
    void bothVariantsGiveTheProviderTheSameAliasFlowAndUpstreamIdMapper() {
        JsonNode dev = dev().get("identityProviders").get(0).deepCopy();
        JsonNode production = production().get("identityProviders").get(0).deepCopy();
        for (ObjectNode provider : List.of((ObjectNode) dev, (ObjectNode) production)) {
            provider.remove(List.of("providerId", "config"));
        }

        assertThat(dev).isEqualTo(production);
        assertThat(dev.get("firstBrokerLoginFlowAlias").asText()).isEqualTo("storezero first broker login");
        assertThat(dev().get("identityProviders").get(0).at("/config/syncMode"))
                .isEqualTo(production().get("identityProviders").get(0).at("/config/syncMode"));
        assertThat(dev().get("identityProviderMappers").get(0)).isEqualTo(production().get("identityProviderMappers").get(0));
    }

    @Test
    void theRunnerSwitchesSetsWithOneVariable() throws Exception {
        assertThat(runnerRealms(Map.of())).containsExactly(
                "server/target/realms/simulated/facebook-realm.json", "server/target/realms/simulated/storezero-realm.json");
        assertThat(runnerRealms(Map.of("STOREZERO_FACEBOOK", "real"))).containsExactly("server/target/realms/real/storezero-realm.json");
    }

    /** A user edits realm-export/ after the last build: the runner must import the edit, not the stale merge. */
    @Test
    void theRunnerRegeneratesASetOlderThanRealmExport() throws Exception {
        Path generated = RealmImportSets.folder(RealmImportSets.REAL).resolve("storezero-realm.json");
        String fresh = Files.readString(generated);
        Files.writeString(generated, "{\"realm\": \"stale\"}\n");
        FileTime sourceTime = Files.getLastModifiedTime(ProjectRoot.get().resolve("realm-export/variants/facebook.json"));
        Files.setLastModifiedTime(generated, FileTime.fromMillis(sourceTime.toMillis() - TimeUnit.HOURS.toMillis(1)));

        runnerRealms(Map.of("STOREZERO_FACEBOOK", "real"));

        assertThat(Files.readString(generated)).isEqualTo(fresh);
    }

    private static List<String> runnerRealms(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ProjectRoot.get().resolve("storezero").toString(), "realms")
                .directory(ProjectRoot.get().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("STOREZERO_FACEBOOK");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> files = new ArrayList<>();
        out.lines().map(line -> ProjectRoot.get().relativize(Path.of(line)).toString()).forEach(files::add);
        return files;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
