package io.storezero.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.it.support.ProjectRoot;
import io.storezero.it.support.RealmImportSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings every shipped realm file promises (docs/security.md, "What the shipped realms promise"), read from the
 * files operators import: every import set the build merges from realm-export/ (server/target/realms/&lt;set&gt;/, see
 * {@link RealmImportSets}), so a variant that undoes a shared setting fails too. A realm edit that drops one fails
 * here, before any server runs. The black-box side — the same
 * doors tried against the running server — is {@code RealmDoorsIT}.
 */
class ShippedRealmSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> shippedRealms() throws IOException {
        List<Path> files = new ArrayList<>();
        RealmImportSets.ALL.forEach(set -> files.addAll(RealmImportSets.files(set)));
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("shippedRealms")
    void noClientHasThePasswordGrantAndKeycloaksAdminCliIsDeclaredWithItOff(Path file) {
        JsonNode realm = read(file);
        assertThat(realm.path("clients")).allSatisfy(client ->
                assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as("%s: %s", file, client.path("clientId")).isFalse());
        assertThat(realm.path("clients")).as("%s declares admin-cli (Keycloak creates it with direct grants on)", file)
                .anySatisfy(client -> assertThat(client.path("clientId").asText()).isEqualTo("admin-cli"));
        assertThat(realm.path("requiredCredentials").isMissingNode() || realm.path("requiredCredentials").toString().contains("password"))
                .as("%s: requiredCredentials [] makes Keycloak create its direct grant flow with the password step off", file).isTrue();
    }

    @ParameterizedTest
    @MethodSource("shippedRealms")
    void bruteForceDetectionIsOnAndResetAndRegistrationAreOff(Path file) {
        JsonNode realm = read(file);
        assertThat(realm.path("bruteForceProtected").asBoolean()).as(file.toString()).isTrue();
        assertThat(realm.path("resetPasswordAllowed").asBoolean(false)).as(file.toString()).isFalse();
        assertThat(realm.path("registrationAllowed").asBoolean(false)).as(file.toString()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("shippedRealms")
    void noWildcardInAnyRedirectUriWebOriginOrLogoutUri(Path file) {
        for (JsonNode client : read(file).path("clients")) {
            List<String> uris = new ArrayList<>();
            client.path("redirectUris").forEach(uri -> uris.add(uri.asText()));
            client.path("webOrigins").forEach(origin -> uris.add(origin.asText()));
            uris.addAll(List.of(client.path("attributes").path("post.logout.redirect.uris").asText("").split("##")));
            assertThat(uris).as("%s: %s", file, client.path("clientId")).noneMatch(uri -> uri.contains("*"));
        }
    }

    @Test
    void theSpaRealmsRotateRefreshTokensAndBoundOfflineSessions() throws IOException {
        for (Path file : shippedRealms().filter(f -> read(f).path("realm").asText().equals("storezero")).toList()) {
            JsonNode realm = read(file);
            assertThat(realm.path("revokeRefreshToken").asBoolean()).as(file.toString()).isTrue();
            assertThat(realm.path("refreshTokenMaxReuse").asInt(-1)).as(file.toString()).isZero();
            assertThat(realm.path("offlineSessionMaxLifespanEnabled").asBoolean()).as(file.toString()).isTrue();
            assertThat(realm.path("offlineSessionMaxLifespan").asInt()).as(file.toString()).isPositive().isLessThanOrEqualTo(realm.path("ssoSessionMaxLifespan").asInt());
            assertThat(realm.path("directGrantFlow").asText()).as(file.toString()).isEqualTo("storezero direct grant");
            // The sign-in page hides the password form by this attribute, not by dropping requiredCredentials.
            assertThat(realm.path("attributes").path("storezero.passwordForm").asText()).as(file.toString()).isEqualTo("false");
        }
    }

    /** The Auth0-shaped endpoints are off unless a realm switches them on: only the shop's realm does. */
    @Test
    void onlyTheStorezeroRealmsSwitchTheAuth0EndpointsOn() throws IOException {
        for (Path file : shippedRealms().toList()) {
            JsonNode realm = read(file);
            boolean storezero = realm.path("realm").asText().equals("storezero");
            assertThat(realm.path("attributes").path("storezero.auth0.enabled").asText())
                    .as(file.toString()).isEqualTo(storezero ? "true" : "");
        }
    }

    /**
     * Every silent authentication runs the realm's enabled required actions' triggers
     * ({@code AuthenticationManager.evaluateRequiredActionTriggers}): Verify Profile validates the whole user profile,
     * with a username lookup in the database, and the two WebAuthn registrations load the JDK's trust anchors on every
     * call: together 13 % of Keycloak's CPU per prompt=none request in docs/performance.md's profile. The shop signs
     * people in through Facebook and offers no passkeys, so those three are off. The file must still list every other
     * action Keycloak creates by default: an imported realm that lists any gets only those
     * ({@code RealmManager.setupRequiredActions}), so dropping UPDATE_PASSWORD from the file would drop it from the realm.
     */
    @Test
    void theSpaRealmSwitchesOffOnlyTheRequiredActionsItCannotUse() throws IOException {
        for (Path file : shippedRealms().filter(f -> read(f).path("realm").asText().equals("storezero")).toList()) {
            Map<String, Boolean> enabled = new LinkedHashMap<>();
            read(file).path("requiredActions").forEach(action -> {
                assertThat(action.path("providerId").asText()).as("%s: %s", file, action).isEqualTo(action.path("alias").asText());
                enabled.put(action.path("alias").asText(), action.path("enabled").asBoolean());
            });

            assertThat(enabled.keySet()).as(file.toString()).containsExactlyInAnyOrder("TERMS_AND_CONDITIONS", "UPDATE_PROFILE",
                    "VERIFY_EMAIL", "CONFIGURE_TOTP", "UPDATE_PASSWORD", "delete_account", "UPDATE_EMAIL", "webauthn-register",
                    "webauthn-register-passwordless", "VERIFY_PROFILE", "delete_credential", "idp_link",
                    "CONFIGURE_RECOVERY_AUTHN_CODES", "update_user_locale");
            assertThat(enabled.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey)).as(file.toString())
                    // Keycloak's own defaults off, then this realm's three.
                    .containsExactlyInAnyOrder("TERMS_AND_CONDITIONS", "delete_account", "UPDATE_EMAIL",
                            "VERIFY_PROFILE", "webauthn-register", "webauthn-register-passwordless");
        }
    }

    @Test
    void theProductionRealmCarriesNothingOfTheDevSetup() throws IOException {
        for (Path file : RealmImportSets.files(RealmImportSets.REAL)) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("localhost").doesNotContain("127.0.0.1")
                    .doesNotContain("storezero-dev-only-secret").doesNotContain("/realms/facebook").doesNotContain("\"alice\"");
            assertThat(read(file).has("users")).as(file.toString()).isFalse();
        }
    }

    @Test
    void theDockerImageImportsTheProductionRealmOnly() throws IOException {
        List<String> copies = Files.readAllLines(ProjectRoot.get().resolve("docker/Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY") && line.contains("realms")).toList();

        assertThat(copies).containsExactly("COPY server/target/realms/real/*.json /opt/keycloak/data/import/");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
