package io.storezero.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Keycloak a run measures. Either one the run starts with the README's runner, in its own state folder and on its
 * own ports (so it runs beside the demo and the test suites), and stops at the end by the PIDs the runner recorded:
 * <ul>
 *   <li>dev mode ({@code ./storezero start}): the pinned distribution with the bundle, {@code start-dev} on an
 *       in-memory H2;</li>
 *   <li>production mode ({@code --production}: {@code ./storezero cluster reset}, then {@code cluster start} with one
 *       node): {@code kc.sh start --optimized} on PostgreSQL behind HAProxy, the topology of docs/production.md cut to
 *       one node, from an empty database every run;</li>
 * </ul>
 * or one it was pointed at, which it leaves running.
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
        System.out.println("[bench] starting Keycloak with ./storezero " + String.join(" ", keycloak.command("start"))
                + " on port " + options.keycloakPort() + " (state " + options.state() + ")");
        try {
            if (options.production()) {
                // The same empty database every run: reset stops whatever a crashed run left and deletes the database.
                keycloak.runner("reset", 300);
            }
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

    /**
     * The admin password: the one given (environment or file), else the runner's: a started cluster's generated one
     * (its state folder's cluster/admin-password), or the dev runner's default.
     */
    public String adminPassword() {
        if (options.adminPassword().isPresent()) {
            return options.adminPassword().get();
        }
        if (started && options.production()) {
            try {
                return Files.readString(options.state().resolve("cluster/admin-password")).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("the cluster's generated admin password cannot be read", e);
            }
        }
        return "admin";
    }

    /** The runner's arguments for {@code command}: {@code start}, {@code stop}, or for production {@code cluster ...}. */
    private List<String> command(String command) {
        return options.production() ? List.of("cluster", command) : List.of(command);
    }

    private void runner(String command, long timeoutSeconds) {
        try {
            Files.createDirectories(options.state());
            Path output = options.state().resolve("runner-" + command + ".out");
            List<String> arguments = new ArrayList<>();
            arguments.add(options.root().resolve("storezero").toString());
            arguments.addAll(command(command));
            ProcessBuilder builder = new ProcessBuilder(arguments)
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
            // The run's admin password, in the environment (never on a command line); none: the runner's own.
            environment.remove("KC_BOOTSTRAP_ADMIN_PASSWORD");
            options.adminPassword().ifPresent(password -> environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", password));
            environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
            if (options.production()) {
                clusterPorts(environment);
            }
            // The runner's 300 s are short on a shared 2-core machine, where the dev-mode build alone can take 130 s.
            environment.putIfAbsent("STOREZERO_START_TIMEOUT", "900");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./storezero " + command + " took over " + timeoutSeconds + " s; see " + output);
            }
            if (process.exitValue() != 0) {
                // Where the output is, and its end: the runner prints no secret, and the admin password is masked anyway.
                List<String> lines = Files.readAllLines(output);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
                throw new IllegalStateException("./storezero " + command + " failed (exit " + process.exitValue() + "; output: "
                        + output + "), ending:\n" + options.adminPassword().map(p -> tail.replace(p, "****")).orElse(tail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./storezero " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One node behind the balancer on the run's ports: the balancer takes the Keycloak port (the URL the run measures
     * and the tokens' issuer), the node the next one, its management port the management port's next one. Transport and
     * database ports sit where neither the demo's cluster (7800, 5433) nor the test suites' clusters are.
     */
    private void clusterPorts(Map<String, String> environment) {
        int port = options.keycloakPort();
        environment.put("STOREZERO_CLUSTER_NODES", "1");
        environment.put("STOREZERO_CLUSTER_PORT", String.valueOf(port));
        environment.put("STOREZERO_CLUSTER_NODE_PORT", String.valueOf(port + 1));
        environment.put("STOREZERO_CLUSTER_MGMT_PORT", String.valueOf(options.managementPort() + 1));
        environment.put("STOREZERO_CLUSTER_STATS_PORT", String.valueOf(port + 324));
        environment.put("STOREZERO_CLUSTER_DB_PORT", String.valueOf(port - 2647));
        // JGroups also binds its port + 50000, so it must stay below 15536.
        environment.put("STOREZERO_CLUSTER_JGROUPS_PORT", String.valueOf(port % 10000 + 2000));
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
