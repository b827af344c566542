package io.storezero.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Keycloak a run measures. Either one the run starts with the README's runner ({@code ./storezero start}: the
 * pinned distribution with the bundle, dev mode on an in-memory H2, in its own state folder and on its own ports, so
 * it runs beside the demo and the test suites) and stops at the end by the PIDs the runner recorded
 * ({@code ./storezero stop}); or one it was pointed at, which it leaves running.
 */
public final class BenchKeycloak implements AutoCloseable {

    private final String url;
    private final BenchOptions options;
    private final boolean started;

    private BenchKeycloak(String url, BenchOptions options, boolean started) {
        this.url = url;
        this.options = options;
        this.started = started;
    }

    public static BenchKeycloak of(BenchOptions options) {
        if (options.keycloakUrl().isPresent()) {
            return new BenchKeycloak(options.keycloakUrl().get(), options, false);
        }
        BenchKeycloak keycloak = new BenchKeycloak("http://localhost:" + options.keycloakPort(), options, true);
        System.out.println("[bench] starting Keycloak with ./storezero start on port " + options.keycloakPort()
                + " (state " + options.state() + ")");
        try {
            keycloak.runner("start", 960);
        } catch (RuntimeException e) {
            // A start that gave up leaves Keycloak and the app running: stop them by their recorded PIDs.
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    public String url() {
        return url;
    }

    private void runner(String command, long timeoutSeconds) {
        try {
            Files.createDirectories(options.state());
            Path output = options.state().resolve("runner-" + command + ".out");
            ProcessBuilder builder = new ProcessBuilder(List.of(options.root().resolve("storezero").toString(), command))
                    .directory(options.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("STOREZERO_STATE", options.state().toString());
            // In memory: every run starts from the same empty database, and nothing is left on disk.
            environment.put("STOREZERO_DB", "dev-mem");
            environment.put("STOREZERO_KEYCLOAK_PORT", String.valueOf(options.keycloakPort()));
            environment.put("STOREZERO_KEYCLOAK_MGMT_PORT", String.valueOf(options.managementPort()));
            environment.put("STOREZERO_APP_PORT", String.valueOf(options.appPort()));
            environment.remove("STOREZERO_HTTPS_PORT");
            // The runner's 300 s are short on a shared 2-core machine, where the dev-mode build alone can take 130 s.
            environment.putIfAbsent("STOREZERO_START_TIMEOUT", "900");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./storezero " + command + " took over " + timeoutSeconds + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./storezero " + command + " failed:\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./storezero " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (started) {
            runner("stop", 120);
        }
    }

    /**
     * The runner's record of the PID of the Keycloak this run started (kc.sh's; its JVM is that process or its child;
     * in production mode node 1's, where the cluster runner keeps it), for the server section's CPU-ms; empty for a
     * Keycloak the run was pointed at, whose process it cannot read.
     */
    public java.util.Optional<Path> pidFile() {
        return started ? java.util.Optional.of(options.state().resolve(options.production() ? "cluster/node1.pid" : "keycloak.pid"))
                : java.util.Optional.empty();
    }
}
