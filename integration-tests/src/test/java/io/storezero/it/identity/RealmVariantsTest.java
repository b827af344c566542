package io.storezero.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.it.support.ProjectRoot;
import org.junit.jupiter.api.Test;

/**
 * The dev realm (simulated Facebook over OIDC) and the production realm (Keycloak's Facebook provider) must not drift
 * apart: they may differ only in the places docs/identity.md lists ("Production: the real Facebook").
 */
class RealmVariantsTest {

    /** The documented differences, as paths of {@link #differences}; everything else must be equal. */
    static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("identityProviders\\[facebook]\\.providerId"),
            Pattern.compile("identityProviders\\[facebook]\\.config\\.(?!syncMode$).+"),
            Pattern.compile("identityProviderMappers\\[picture]\\.identityProviderMapper"),
            Pattern.compile("identityProviderMappers\\[picture]\\.config\\.(?!syncMode$).+"),
            // The app's URL: dev defaults to http://localhost:3000, production has no default.
            Pattern.compile("clients\\[Storezero\\.io single-page app]\\.(rootUrl|redirectUris|webOrigins|attributes\\.post\\.logout\\.redirect\\.uris)"));

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode dev() {
        return read("realm-export/storezero-realm.json");
    }

    static JsonNode production() {
        return read("realm-export/production/storezero-realm.json");
    }

    @Test
    void theProductionRealmDiffersFromTheDevRealmOnlyWhereDocumented() {
        Set<String> differences = differences(dev(), production());

        assertThat(differences).as("the provider itself differs").contains("identityProviders[facebook].providerId");
        assertThat(differences).as("differences not documented in docs/identity.md")
                .allSatisfy(path -> assertThat(ALLOWED).anySatisfy(allowed -> assertThat(path).matches(allowed)));
    }

    @Test
    void theProductionRealmUsesKeycloaksFacebookProviderWithTheAppFromTheEnvironment() {
        JsonNode facebook = production().get("identityProviders").get(0);

        assertThat(facebook.get("providerId").asText()).isEqualTo("facebook");
        assertThat(facebook.get("config").get("clientId").asText()).isEqualTo("${STOREZERO_FACEBOOK_APP_ID}");
        assertThat(facebook.get("config").get("clientSecret").asText()).isEqualTo("${STOREZERO_FACEBOOK_APP_SECRET}");
        assertThat(production().toString()).doesNotContain("storezero-dev-only-secret").doesNotContain("/realms/facebook");
    }

    @Test
    void theDevRealmBrokersToTheSimulatedFacebookRealm() {
        JsonNode facebook = dev().get("identityProviders").get(0);

        assertThat(facebook.get("providerId").asText()).isEqualTo("oidc");
        assertThat(facebook.get("config").get("issuer").asText()).isEqualTo("${STOREZERO_KEYCLOAK_URL:http://localhost:8080}/realms/facebook");
        assertThat(read("realm-export/facebook-realm.json").get("clients").get(0).get("secret").asText())
                .isEqualTo(facebook.get("config").get("clientSecret").asText());
    }

    @Test
    void theRunnerSwitchesVariantsWithOneVariable() throws Exception {
        assertThat(runnerRealms(Map.of())).containsExactly("realm-export/facebook-realm.json", "realm-export/storezero-realm.json");
        assertThat(runnerRealms(Map.of("STOREZERO_FACEBOOK", "real"))).containsExactly("realm-export/production/storezero-realm.json");
    }

    /** Paths where two realm files differ; array elements are named by alias, name or clientId. */
    static Set<String> differences(JsonNode a, JsonNode b) {
        Set<String> found = new LinkedHashSet<>();
        diff("", a, b, found);
        return found;
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> found) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            found.add(path);
        } else if (a.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), found));
        } else if (a.isArray() && a.size() > 0 && a.get(0).isObject()) {
            Map<String, JsonNode> left = byKey(a);
            Map<String, JsonNode> right = byKey(b);
            Set<String> keys = new LinkedHashSet<>(left.keySet());
            keys.addAll(right.keySet());
            keys.forEach(key -> diff(path + "[" + key + "]", left.get(key), right.get(key), found));
        } else if (!a.equals(b)) {
            found.add(path);
        }
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        int index = 0;
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); index++) {
            JsonNode element = it.next();
            String key = element.path("alias").asText(element.path("name").asText(element.path("clientId").asText(String.valueOf(index))));
            keyed.put(key, element);
        }
        return keyed;
    }

    private static List<String> runnerRealms(Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ProjectRoot.get().resolve("storezero").toString(), "realms")
                .directory(ProjectRoot.get().toFile());
        builder.environment().remove("STOREZERO_FACEBOOK");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        List<String> files = new ArrayList<>();
        new String(process.getInputStream().readAllBytes()).lines()
                .map(line -> ProjectRoot.get().relativize(Path.of(line)).toString()).forEach(files::add);
        return files;
    }

    private static JsonNode read(String file) {
        try {
            return JSON.readTree(Files.readString(ProjectRoot.get().resolve(file)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
