package io.storezero.it.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import io.storezero.it.support.Chromium;
import io.storezero.it.support.RealmImportSets;
import io.storezero.it.support.StorezeroRunner;
import io.storezero.it.support.StorezeroServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, from a clean state: {@code ./storezero start} brings Keycloak (with every realm)
 * and the app up and they answer; {@code ./storezero stop} leaves no process and no listening port behind.
 * Runs on its own ports and state folder, beside the suite's shared server.
 */
class RunnerIT {

    /** A start of its own: its own state folder and ports (integration-tests/pom.xml), no HTTPS. */
    private static final StorezeroRunner RUNNER = new StorezeroRunner(StorezeroServer.state().resolveSibling("runner-it"),
            StorezeroServer.configuredPort("storezero.it.runner.keycloak.port"),
            StorezeroServer.configuredPort("storezero.it.runner.management.port"),
            StorezeroServer.configuredPort("storezero.it.runner.app.port"), OptionalInt.empty());
    private static final Path STATE = RUNNER.state();
    private static final int KEYCLOAK_PORT = RUNNER.keycloakPort();
    private static final int MANAGEMENT_PORT = RUNNER.managementPort();
    private static final int APP_PORT = RUNNER.appPort();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void cleanState() throws IOException {
        if (Files.exists(STATE)) {
            try (var files = Files.walk(STATE)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterAll
    static void stopAnyway() {
        RUNNER.run(Duration.ofSeconds(600), "stop");
    }

    @Test
    void startBringsEverythingUpAndStopLeavesNothingBehind() throws Exception {
        StorezeroRunner.Result start = RUNNER.run(Duration.ofSeconds(600), "start");
        assertThat(start.exitCode()).as(start.output()).isZero();
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
        List<ProcessHandle> processes = new ArrayList<>();
        for (String file : List.of("keycloak.pid", "app.pid")) {
            ProcessHandle started = ProcessHandle.of(pid(file)).orElseThrow();
            processes.add(started);
            started.descendants().forEach(processes::add);
        }
        assertThat(processes).allMatch(ProcessHandle::isAlive);

        StorezeroRunner.Result stop = RUNNER.run(Duration.ofSeconds(600), "stop");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        for (ProcessHandle process : processes) {
            assertThat(process.isAlive()).as("process " + process.pid() + " " + process.info().command().orElse("")).isFalse();
        }
        for (int port : new int[] {KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT}) {
            assertThat(listening(port)).as("port " + port).isFalse();
        }
        assertThat(RUNNER.run(Duration.ofSeconds(60), "status").exitCode()).isEqualTo(3);
    }

    @Test
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
        for (ProcessHandle process : processes) {
            assertThat(process.isAlive()).as("process " + process.pid() + " " + process.info().command().orElse("")).isFalse();
        }
        for (int port : new int[] {KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT}) {
            assertThat(listening(port)).as("port " + port).isFalse();
        }
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
