package io.storezero.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.storezero.testsupport.Authorize;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Every realm file the project ships or tests with keeps every door shut, tried black box against the running server
 * with wrong credentials: the password grant of every client (Keycloak's built-in admin-cli included), client
 * credentials, device authorization, token exchange, the sign-in form of every client's browser flow, reset
 * credentials, registration and Docker auth; the first broker login flow, which needs an identity provider round
 * trip, is checked from its live executions. A realm edit that reopens a door fails the build.
 *
 * <p>Why: {@code "requiredCredentials": []} made Keycloak create the realm's built-in direct grant flow with its password
 * step disabled, and admin-cli, public and with direct grants on, then answered any password with tokens (issue 8).
 * The report (per realm: doors tried, doors open) goes to stdout and to target/security-report/realm-doors.json.
 */
@ExtendWith(StorezeroServer.class)
class RealmDoorsIT {

    private static final KeycloakAdmin ADMIN = KeycloakAdmin.local();
    private static final RealmDoorsReport REPORT = new RealmDoorsReport();

    @TestFactory
    Stream<DynamicTest> everyRealmFileKeepsEveryDoorShut() {
        List<RealmDoorsRealms.Source> sources = RealmDoorsRealms.discover();
        assertThat(sources).extracting(RealmDoorsRealms.Source::file)
                .as("the listing finds the shipped realms").contains("server/target/realms/simulated/storezero-realm.json",
                        "server/target/realms/simulated/facebook-realm.json", "server/target/realms/real/storezero-realm.json");
        return sources.stream().map(source -> DynamicTest.dynamicTest(source.label(), () -> {
            try (RealmDoorsRealms.Live realm = RealmDoorsRealms.open(source, ADMIN)) {
                List<RealmDoorsAttempt> attempts = new RealmDoorsProbe(ADMIN, StorezeroServer.KEYCLOAK_URL, realm.name()).tryEveryDoor();
                REPORT.add(source.file(), realm.name(), attempts);
                assertThat(attempts).as("doors tried in %s", realm.name()).hasSizeGreaterThan(20);
                assertThat(attempts.stream().filter(RealmDoorsAttempt::open).map(RealmDoorsAttempt::describe))
                        .as("doors open in realm %s (%s)", realm.name(), source.file()).isEmpty();
            }
        }));
    }

    /**
     * The probe itself sees an open door: the right password at a door meant to open counts as open. The bootstrap
     * admin at master's admin-cli (password grant), and a user of a throwaway realm at its sign-in page, once without a
     * password field (the storezero theme when the realm requires no password: the probe posts to the form
     * authenticator anyway) and once with one. Without this, a probe that never got past its own bugs would report
     * every door shut.
     */
    @Test
    void theProbeSeesADoorThatIsOpen() {
        RealmDoorsHttp http = new RealmDoorsHttp();
        var master = http.postForm(StorezeroServer.KEYCLOAK_URL + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                "password", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")));
        assertThat(master.statusCode() == 200 && RealmDoorsHttp.hasToken(master.body())).as("admin-cli in master opens").isTrue();

        String realm = "doors-control";
        String password = RealmDoorsUsers.randomSecret();
        ADMIN.removeRealm(realm);
        ADMIN.createRealm(KeycloakAdmin.tree(Map.of("realm", realm, "enabled", true, "loginTheme", "storezero",
                "requiredCredentials", List.of(),
                // Never visited: its link on the sign-in page carries the session_code the probe needs.
                "identityProviders", List.of(Map.of("alias", "elsewhere", "providerId", "oidc", "enabled", true,
                        "config", Map.of("authorizationUrl", "http://localhost:1/auth", "tokenUrl", "http://localhost:1/token",
                                "clientId", "doors", "clientSecret", "doors", "clientAuthMethod", "client_secret_post"))),
                "users", List.of(Map.of("username", "doors-control", "enabled", true, "email", "doors-control@example.org",
                        "emailVerified", true, "firstName", "Door", "lastName", "Control",
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))))));
        try {
            String realmUrl = StorezeroServer.KEYCLOAK_URL + "/realms/" + realm;
            String execution = new RealmDoorsFlows(ADMIN, realm).formExecutions("browser").get(0);
            String start = realmUrl + "/protocol/openid-connect/auth?client_id=account-console&response_type=code&scope=openid"
                    + "&code_challenge_method=S256&code_challenge=" + Authorize.Pkce.create().challenge()
                    + "&redirect_uri=" + realmUrl + "/account/doors";
            Map<String, String> rightPassword = Map.of("username", "doors-control", "password", password);
            RealmDoorsBrowser browser = new RealmDoorsBrowser(http, realmUrl);

            RealmDoorsBrowser.Outcome withoutField = browser.drive(start, rightPassword, execution);
            assertThat(withoutField.postedWithoutForm()).as("the sign-in page has no password field").isTrue();
            assertThat(withoutField.open()).as("the right password, posted without a password field, opens").isTrue();

            RealmRepresentation passwordRequired = new RealmRepresentation();
            passwordRequired.setRequiredCredentials(Set.of("password"));
            ADMIN.realm(realm).update(passwordRequired);
            RealmDoorsBrowser.Outcome withField = browser.drive(start, rightPassword, execution);
            assertThat(withField.postedWithoutForm()).as("the sign-in page has a password field").isFalse();
            assertThat(withField.open()).as("the right password, typed into the form, opens").isTrue();
        } finally {
            ADMIN.removeRealm(realm);
        }
    }

    @AfterAll
    static void report() {
        System.out.println("Realm doors (black box, wrong credentials; open must be 0):\n" + REPORT.table());
        REPORT.write(StorezeroServer.state().getParent().resolve("security-report").resolve("realm-doors.json"));
    }
}
