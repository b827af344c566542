package io.storezero.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The README's runner ({@code ./storezero}) for one start: its state folder and its ports. Every runner command of
 * the suite goes through here (the suite's own Keycloak, RunnerIT's second start beside it, the realm check), so each
 * is told the same ports by the runner's own variables ({@code STOREZERO_KEYCLOAK_PORT} ...) and none falls back to
 * the runner's defaults, which are the demo's.
 */
public final class StorezeroRunner {

    /** What a runner command printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    private final Path state;
    private final int keycloakPort;
    private final int managementPort;
    private final int appPort;
    private final OptionalInt httpsPort;
    private final Map<String, String> settings;

    public StorezeroRunner(Path state, int keycloakPort, int managementPort, int appPort, OptionalInt httpsPort) {
        this(state, keycloakPort, managementPort, appPort, httpsPort, Map.of());
    }

    private StorezeroRunner(Path state, int keycloakPort, int managementPort, int appPort, OptionalInt httpsPort,
            Map<String, String> settings) {
        this.state = state;
        this.keycloakPort = keycloakPort;
        this.managementPort = managementPort;
        this.appPort = appPort;
        this.httpsPort = httpsPort;
        this.settings = settings;
    }

    /** This start with one more environment variable for every command (a setting of the runner's header). */
    public StorezeroRunner with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(name, value);
        return new StorezeroRunner(state, keycloakPort, managementPort, appPort, httpsPort, Map.copyOf(more));
    }

    public Path state() {
        return state;
    }

    public int keycloakPort() {
        return keycloakPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public int appPort() {
        return appPort;
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    public String appUrl() {
        return "http://localhost:" + appPort;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /**
     * {@code ./storezero <args>} with this start's state and ports, output to {@code output}; not started. What
     * starts Keycloak ({@code start}, {@code run}) gets an in-memory dev database, so every run starts clean. HTTPS, where configured, uses the run's test certificate ({@link TestTls}).
     */
    public ProcessBuilder command(Path output, String... args) {
        List<String> command = new ArrayList<>();
        command.add(StorezeroServer.root().resolve("storezero").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(StorezeroServer.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("STOREZERO_STATE", state.toString());
        if (List.of("start", "run").contains(args[0])) {
            environment.put("STOREZERO_DB", "dev-mem");
        } else {
            // The other commands describe the database rather than make one (check names the fix for a kept dev
            // database): they get the runner's default, not the build's environment.
            environment.remove("STOREZERO_DB");
        }
        environment.put("STOREZERO_KEYCLOAK_PORT", String.valueOf(keycloakPort));
        environment.put("STOREZERO_KEYCLOAK_MGMT_PORT", String.valueOf(managementPort));
        environment.put("STOREZERO_APP_PORT", String.valueOf(appPort));
        if (httpsPort.isPresent()) {
            TestTls tls = TestTls.get();
            environment.put("STOREZERO_HTTPS_PORT", String.valueOf(httpsPort.getAsInt()));
            environment.put("STOREZERO_TLS_KEYSTORE", tls.keystore().toString());
            environment.put("STOREZERO_TLS_KEYSTORE_PASSWORD", tls.password());
        } else {
            // The environment of the build must not turn HTTPS on for a start that did not ask for it.
            environment.remove("STOREZERO_HTTPS_PORT");
        }
        environment.putAll(settings);
        return builder;
    }

    /** Starts {@code ./storezero <args>} and leaves it running (for {@code run}, which serves until stopped). */
    public Process launch(Path output, String... args) {
        try {
            Files.createDirectories(state);
            return command(output, args).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./storezero " + String.join(" ", args), e);
        }
    }

    /** Runs {@code ./storezero <args>} to its end; one that outlasts {@code timeout} is killed and fails. */
    public Result run(Duration timeout, String... args) {
        try {
            Files.createDirectories(state);
            Path output = Files.createTempFile(state, "runner-" + args[0] + "-", ".out");
            Process process = command(output, args).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./storezero " + String.join(" ", args) + " took over " + timeout.toSeconds()
                        + " s; see " + output);
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./storezero " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
