package io.storezero.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.storezero.it.support.Chromium;
import io.storezero.it.support.RealmImportSets;
import io.storezero.it.support.StartedProcesses;
import io.storezero.it.support.StorezeroRunner;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command, from a clean state: {@code ./storezero start} brings Keycloak (with every realm)
 * and the app up and they answer; on a machine other users share, what it started listens on loopback only and an
 * admin password given in the environment reaches no output, no log and no command line another user could read with
 * {@code ps}; {@code ./storezero stop} leaves no process and no listening port behind. Then the same for the foreground
 * {@code ./storezero run}. One start each (the tests of the started stack share the first, in order), on ports and a
 * state folder of their own (integration-tests/pom.xml), beside the suite's shared server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerIT {

    private static final String ADMIN_PASSWORD = randomSecret();
    /** A start of its own: its own state folder and ports, no HTTPS, the admin password from the environment. */
    private static final StorezeroRunner RUNNER = new StorezeroRunner(StorezeroServer.state().resolveSibling("runner-it"),
            StorezeroServer.configuredPort("storezero.it.runner.keycloak.port"),
            StorezeroServer.configuredPort("storezero.it.runner.management.port"),
            StorezeroServer.configuredPort("storezero.it.runner.app.port"), OptionalInt.empty())
            .with("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .with("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
    private static final Path STATE = RUNNER.state();
    private static final int KEYCLOAK_PORT = RUNNER.keycloakPort();
    private static final int MANAGEMENT_PORT = RUNNER.managementPort();
    private static final int APP_PORT = RUNNER.appPort();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StorezeroRunner.Result start;
    /** The processes {@code start} started (recorded pids and their descendants), for the checks after {@code stop}. */
    private static final List<ProcessHandle> STARTED = new ArrayList<>();

    @BeforeAll
    static void cleanStateAndStart() throws IOException {
        if (Files.exists(STATE)) {
            try (var files = Files.walk(STATE)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        start = RUNNER.run(Duration.ofSeconds(600), "start");
        assertThat(start.exitCode()).as("./storezero start failed:%n%s", start.output()).isZero();
    }

    @AfterAll
    static void stopAnyway() {
        RUNNER.run(Duration.ofSeconds(600), "stop");
    }

    @Test
    @Order(1)
    void startBringsEverythingUp() throws Exception {
        assertThat(start.output()).contains("ready.", "http://localhost:" + APP_PORT, "http://localhost:" + KEYCLOAK_PORT + "/admin");

        assertThat(status("http://localhost:" + MANAGEMENT_PORT + "/health/ready")).isEqualTo(200);
        // Every realm of the set the runner imports by default (STOREZERO_FACEBOOK=simulated).
        for (Path realm : RealmImportSets.files(RealmImportSets.SIMULATED)) {
            String name = new com.fasterxml.jackson.databind.ObjectMapper().readTree(realm.toFile()).get("realm").asText();
            assertThat(status("http://localhost:" + KEYCLOAK_PORT + "/realms/" + name + "/.well-known/openid-configuration"))
                    .as("realm from " + realm.getFileName()).isEqualTo(200);
        }
        assertThat(status("http://localhost:" + APP_PORT + "/api/health")).isEqualTo(200);
        assertThat(status("http://localhost:" + APP_PORT + "/")).isEqualTo(200);
        assertThat(RUNNER.run(Duration.ofSeconds(60), "status").exitCode()).isZero();
        for (String file : List.of("keycloak.pid", "app.pid")) {
            ProcessHandle started = ProcessHandle.of(pid(file)).orElseThrow();
            STARTED.add(started);
            started.descendants().forEach(STARTED::add);
        }
        assertThat(STARTED).allMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(2)
    void everyListenerOfTheStartedStackIsOnLoopback() {
        List<StartedProcesses.Listener> listeners = started().listeners();

        assertThat(listeners).extracting(StartedProcesses.Listener::port)
                .as("Keycloak's HTTP and management ports and the app's are among what was found")
                .contains(KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT);
        assertThat(listeners).as("listeners not on 127.0.0.1 / ::1 (STOREZERO_BIND_ADDRESS unset)")
                .filteredOn(listener -> !listener.address().isLoopbackAddress()).isEmpty();
    }

    @Test
    @Order(3)
    void anAdminPasswordFromTheEnvironmentIsInNoOutputLogOrCommandLine() throws Exception {
        // It is the admin's password indeed: the start used it.
        assertThat(adminToken(ADMIN_PASSWORD)).as("admin login with the password from the environment").isEqualTo(200);

        assertThat(start.output()).as("./storezero start's output").doesNotContain(ADMIN_PASSWORD);
        try (var files = Files.walk(STATE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as("%s", file).doesNotContain(ADMIN_PASSWORD);
            }
        }
        assertThat(started().commandLines()).as("command lines of the started processes").isNotEmpty()
                .allSatisfy((pid, line) -> assertThat(line).as("pid %d", pid).doesNotContain(ADMIN_PASSWORD));
    }

    @Test
    @Order(4)
    void stopLeavesNothingBehind() {
        assertThat(STARTED).as("the processes the start started (recorded by the first test)").isNotEmpty();

        StorezeroRunner.Result stop = RUNNER.run(Duration.ofSeconds(600), "stop");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        for (ProcessHandle process : STARTED) {
            assertThat(process.isAlive()).as("process " + process.pid() + " " + process.info().command().orElse("")).isFalse();
        }
        for (int port : new int[] {KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT}) {
            assertThat(listening(port)).as("port " + port).isFalse();
        }
        assertThat(RUNNER.run(Duration.ofSeconds(60), "status").exitCode()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void runServesUntilItIsStoppedAndThenLeavesNothingBehind() throws Exception {
        Path output = STATE.resolve("runner-run.out");
        Files.createDirectories(STATE);
        Process run = RUNNER.launch(output, "run");
        Chromium.await(Duration.ofSeconds(600), "./storezero run to be ready", () -> {
            try {
                return Files.readString(output).contains("Ctrl-C stops everything") ? Boolean.TRUE : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(status("http://localhost:" + APP_PORT + "/api/health")).isEqualTo(200);
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(run.toHandle());
        run.descendants().forEach(processes::add);

        run.destroy(); // SIGTERM, as a process manager stops it; an interactive Ctrl-C takes the same trap

        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).as("./storezero run's output").doesNotContain(ADMIN_PASSWORD);
        for (ProcessHandle process : processes) {
            assertThat(process.isAlive()).as("process " + process.pid() + " " + process.info().command().orElse("")).isFalse();
        }
        for (int port : new int[] {KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT}) {
            assertThat(listening(port)).as("port " + port).isFalse();
        }
    }

    private static StartedProcesses started() {
        return StartedProcesses.of(List.of(StartedProcesses.recordedPid(STATE.resolve("keycloak.pid")),
                StartedProcesses.recordedPid(STATE.resolve("app.pid"))));
    }

    private static int adminToken(String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(RUNNER.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long pid(String file) throws IOException {
        return Long.parseLong(Files.readString(STATE.resolve(file)).trim());
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
