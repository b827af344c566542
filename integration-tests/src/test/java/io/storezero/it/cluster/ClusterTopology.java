package io.storezero.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.storezero.it.support.StorezeroServer;
import io.storezero.testsupport.KeycloakUnderTest;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The production topology of the README, started once per test run by the runner itself ({@code ./storezero cluster
 * start}: PostgreSQL, two Keycloak nodes started {@code --optimized} from one PostgreSQL build, HAProxy in front, the
 * app pointed at HAProxy) and stopped by {@code ./storezero cluster stop} when the run ends.
 *
 * <p>Every port comes from integration-tests/pom.xml ({@code storezero.it.cluster.*}), never from the runner's
 * defaults (the demo's), so the cluster runs beside the demo and beside the rest of the suite. The run starts from an
 * empty database ({@code cluster reset}): the realms of realm-export/ are imported as a first start imports them.
 */
public final class ClusterTopology implements BeforeAllCallback {

    /** The load balancer: the one public URL, the issuer's base. */
    public static final int LB_PORT = StorezeroServer.configuredPort("storezero.it.cluster.port");
    public static final String LB_URL = "http://localhost:" + LB_PORT;
    public static final int NODE_PORT = StorezeroServer.configuredPort("storezero.it.cluster.node.port");
    public static final int MANAGEMENT_PORT = StorezeroServer.configuredPort("storezero.it.cluster.management.port");
    public static final int JGROUPS_PORT = StorezeroServer.configuredPort("storezero.it.cluster.jgroups.port");
    public static final int DB_PORT = StorezeroServer.configuredPort("storezero.it.cluster.db.port");
    public static final int STATS_PORT = StorezeroServer.configuredPort("storezero.it.cluster.stats.port");
    public static final int APP_PORT = StorezeroServer.configuredPort("storezero.it.cluster.app.port");
    public static final String APP_URL = "http://localhost:" + APP_PORT;
    public static final int NODES = 2;

    /** Node {@code i} (1-based) as the runner names and places it: HAProxy's server name and the node's own URL. */
    public record Node(int number) {
        public String name() {
            return "node" + number;
        }

        public String url() {
            return "http://localhost:" + (NODE_PORT + number - 1);
        }

        public static Node byName(String name) {
            return new Node(Integer.parseInt(name.substring("node".length())));
        }

        /** The other node of the two. */
        public Node other() {
            return new Node(number == 1 ? 2 : 1);
        }
    }

    /** What a runner command printed and how it ended. */
    public record Result(int exitCode, String output, Duration took) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(ClusterTopology.class, key -> Running.start(), Running.class);
    }

    /** The cluster as the browser and the SDKs see it: the balancer. */
    public static KeycloakUnderTest keycloak() {
        return KeycloakUnderTest.of(KeycloakUnderTest.Mode.RUNNER_CLUSTER, LB_URL)
                .administeredBy(new KeycloakUnderTest.Admin(ADMIN_USER, ClusterTopology::adminPassword));
    }

    /** The admin account of the cluster's master realm. */
    public static final String ADMIN_USER = "admin";

    /**
     * The cluster's admin password: the one {@code cluster start} generated into the state folder (a runner that
     * generates none had the development default).
     */
    public static String adminPassword() {
        Path file = adminPasswordFile();
        try {
            return Files.exists(file) ? Files.readString(file).trim() : "admin";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path adminPasswordFile() {
        return state().resolve("cluster/admin-password");
    }

    /** What this run's first {@code cluster start} printed. */
    public static String startOutput() {
        return Running.startOutput;
    }

    public static Path state() {
        return StorezeroServer.state().resolveSibling("storezero-cluster");
    }

    /** {@code ./storezero cluster <args>} to its end, with this run's state and ports; past {@code timeout} it fails. */
    public static Result cluster(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(StorezeroServer.root().resolve("storezero").toString());
        command.add("cluster");
        command.addAll(List.of(args));
        try {
            Files.createDirectories(state());
            Path output = Files.createTempFile(state(), "cluster-" + args[0] + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(StorezeroServer.root().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("STOREZERO_STATE", state().toString());
            environment.put("STOREZERO_CLUSTER_PORT", String.valueOf(LB_PORT));
            environment.put("STOREZERO_CLUSTER_NODES", String.valueOf(NODES));
            environment.put("STOREZERO_CLUSTER_NODE_PORT", String.valueOf(NODE_PORT));
            environment.put("STOREZERO_CLUSTER_MGMT_PORT", String.valueOf(MANAGEMENT_PORT));
            environment.put("STOREZERO_CLUSTER_JGROUPS_PORT", String.valueOf(JGROUPS_PORT));
            environment.put("STOREZERO_CLUSTER_DB_PORT", String.valueOf(DB_PORT));
            environment.put("STOREZERO_CLUSTER_STATS_PORT", String.valueOf(STATS_PORT));
            environment.put("STOREZERO_APP_PORT", String.valueOf(APP_PORT));
            // The demo's variant (simulated Facebook), whatever the build's environment says.
            environment.remove("STOREZERO_FACEBOOK");
            // The cluster's own admin account (generated at its first start), whatever the build's environment says.
            environment.remove("KC_BOOTSTRAP_ADMIN_USERNAME");
            environment.remove("KC_BOOTSTRAP_ADMIN_PASSWORD");
            // The JVM's defaults, as in production: the failover tests depend on how fast a node answers the
            // balancer's health checks while the other one leaves (root POM: storezero.test.keycloak.java-opts).
            environment.remove("JAVA_OPTS_APPEND");
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./storezero cluster " + String.join(" ", args) + " took over "
                        + timeout.toSeconds() + " s; see " + output);
            }
            return new Result(process.exitValue(), Files.readString(output), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./storezero cluster " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #cluster} that must succeed; answers what it printed. */
    public static Result expectSuccess(Duration timeout, String... args) {
        Result result = cluster(timeout, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("./storezero cluster " + String.join(" ", args) + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
        return result;
    }

    static final class Running implements AutoCloseable {

        private static String startOutput;

        static Running start() {
            // A clean database: a run must not depend on what an earlier run left in it.
            expectSuccess(Duration.ofSeconds(300), "reset");
            Result started;
            try {
                started = expectSuccess(Duration.ofSeconds(900), "start");
            } catch (RuntimeException e) {
                // What a failed start did start must not outlive the run.
                cluster(Duration.ofSeconds(300), "stop");
                throw e;
            }
            startOutput = started.output();
            System.out.printf("[cluster] ./storezero cluster start took %d s%n", started.took().toSeconds());
            return new Running();
        }

        @Override
        public void close() {
            expectSuccess(Duration.ofSeconds(300), "stop");
        }
    }
}
