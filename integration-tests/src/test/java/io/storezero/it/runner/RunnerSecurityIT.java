package io.storezero.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import io.storezero.it.support.StartedProcesses;
import io.storezero.it.support.StorezeroRunner;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./storezero start} on a machine other users share: what it starts listens on loopback only, and an admin
 * password given in the environment reaches no output, no log and no command line another user could read with
 * {@code ps}. One start, on RunnerIT's ports (integration-tests/pom.xml) with a state folder of its own.
 */
class RunnerSecurityIT {

    private static final String ADMIN_PASSWORD = randomSecret();
    private static final StorezeroRunner RUNNER = new StorezeroRunner(StorezeroServer.state().resolveSibling("runner-security-it"),
            StorezeroServer.configuredPort("storezero.it.runner.keycloak.port"),
            StorezeroServer.configuredPort("storezero.it.runner.management.port"),
            StorezeroServer.configuredPort("storezero.it.runner.app.port"), OptionalInt.empty())
            .with("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .with("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);

    private static StorezeroRunner.Result start;

    @BeforeAll
    static void start() throws IOException {
        if (Files.exists(RUNNER.state())) {
            try (var files = Files.walk(RUNNER.state())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        start = RUNNER.run(Duration.ofSeconds(900), "start");
        assertThat(start.exitCode()).as("./storezero start failed:%n%s", start.output()).isZero();
    }

    @AfterAll
    static void stop() {
        RUNNER.run(Duration.ofSeconds(300), "stop");
    }

    @Test
    void everyListenerOfTheStartedStackIsOnLoopback() {
        List<StartedProcesses.Listener> listeners = started().listeners();

        assertThat(listeners).extracting(StartedProcesses.Listener::port)
                .as("Keycloak's HTTP and management ports and the app's are among what was found")
                .contains(RUNNER.keycloakPort(), RUNNER.managementPort(), RUNNER.appPort());
        assertThat(listeners).as("listeners not on 127.0.0.1 / ::1 (STOREZERO_BIND_ADDRESS unset)")
                .filteredOn(listener -> !listener.address().isLoopbackAddress()).isEmpty();
    }

    @Test
    void anAdminPasswordFromTheEnvironmentIsInNoOutputLogOrCommandLine() throws Exception {
        // It is the admin's password indeed: the start used it.
        assertThat(adminToken(ADMIN_PASSWORD)).as("admin login with the password from the environment").isEqualTo(200);

        assertThat(start.output()).as("./storezero start's output").doesNotContain(ADMIN_PASSWORD);
        try (var files = Files.walk(RUNNER.state())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(ADMIN_PASSWORD);
            }
        }
        assertThat(started().commandLines()).as("command lines of the started processes").isNotEmpty()
                .allSatisfy((pid, line) -> assertThat(line).as("pid %d", pid).doesNotContain(ADMIN_PASSWORD));
    }

    private static StartedProcesses started() {
        return StartedProcesses.of(List.of(StartedProcesses.recordedPid(RUNNER.state().resolve("keycloak.pid")),
                StartedProcesses.recordedPid(RUNNER.state().resolve("app.pid"))));
    }

    private static int adminToken(String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RUNNER.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
