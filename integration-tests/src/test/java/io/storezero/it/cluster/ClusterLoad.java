package io.storezero.it.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.storezero.it.support.KeycloakAdmin;
import io.storezero.load.BrokeredLogin;
import io.storezero.load.FacebookUsers;
import io.storezero.load.Http;
import io.storezero.load.Metrics;
import io.storezero.load.ProcessCpu;
import io.storezero.load.Session;
import io.storezero.load.SilentAuthentication;
import io.storezero.testsupport.Authorize;
import org.keycloak.admin.client.Keycloak;

/**
 * What the cluster's load tests share: K users of the simulated Facebook logged in over plain HTTP through the
 * balancer (the load generator's brokered login), the silent authentication the SPA makes, HAProxy's view of the
 * nodes, and the processes whose CPU the load costs (each node's JVM, HAProxy, PostgreSQL).
 */
final class ClusterLoad {

    /** K, the distinct sessions the load renews: -Dstorezero.load.users (integration-tests/pom.xml, default 20). */
    static final int USERS = Integer.getInteger("storezero.load.users", 20);

    static final HttpClient HTTP = Http.client();
    static final SilentAuthentication SILENT = SilentAuthentication.storezeroSpa(ClusterTopology.LB_URL, ClusterTopology.APP_URL,
            SilentAuthentication.ResponseMode.WEB_MESSAGE, SilentAuthentication.Flow.IMPLICIT);

    private ClusterLoad() {
    }

    /** {@code count} new Facebook users, each logged in to storezero through the balancer: one cookie jar each. */
    static List<Session> logIn(int count) {
        try (Keycloak admin = KeycloakAdmin.client(ClusterTopology.keycloak())) {
            String prefix = "load-" + Authorize.random().toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, 6);
            BrokeredLogin login = new BrokeredLogin(HTTP, SILENT, "facebook");
            List<Session> sessions = new ArrayList<>();
            for (String user : FacebookUsers.create(admin, "facebook", prefix, count)) {
                sessions.add(login.logIn(user, user));
            }
            return sessions;
        }
    }

    /** HAProxy's state of each node ("UP", "DOWN", "UP 1/2", ...) from its statistics CSV. */
    static Map<String, String> haproxyStates() {
        try {
            HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ClusterTopology.STATS_PORT + "/;csv"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> states = new LinkedHashMap<>();
            for (String line : csv.body().split("\n")) {
                String[] fields = line.split(",", -1);
                if (fields.length > 17 && fields[0].equals("keycloak_nodes") && fields[1].startsWith("node")) {
                    states.put(fields[1], fields[17]);
                }
            }
            return states;
        } catch (IOException e) {
            throw new IllegalStateException("HAProxy's statistics page does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path clusterDir() {
        return ClusterTopology.state().resolve("cluster");
    }

    /** Node {@code i}'s JVM (the runner records kc.sh's PID; the JVM is its child). */
    static long nodeJvm(int i) {
        long script = ProcessCpu.pidFile(clusterDir().resolve("node" + i + ".pid"));
        return ProcessCpu.jvm(script).orElseThrow(() -> new IllegalStateException("node " + i + " (pid " + script + ") runs no JVM"));
    }

    /** The process trees whose CPU a run costs, by name: node JVMs that run, HAProxy, PostgreSQL. */
    static Map<String, Long> processes(int... nodes) {
        Map<String, Long> roots = new LinkedHashMap<>();
        for (int i : nodes) {
            roots.put("node" + i, nodeJvm(i));
        }
        roots.put("haproxy", ProcessCpu.pidFile(clusterDir().resolve("haproxy.pid")));
        roots.put("postgresql", ProcessCpu.pidFile(clusterDir().resolve("postgres/data/postmaster.pid")));
        return roots;
    }

    /** A reading of every process tree's CPU milliseconds so far. */
    static Map<String, Map<Long, Long>> cpu(Map<String, Long> roots) {
        Map<String, Map<Long, Long>> reading = new LinkedHashMap<>();
        roots.forEach((name, pid) -> reading.put(name, ProcessCpu.tree(pid)));
        return reading;
    }

    /** CPU milliseconds per request between two readings, per process tree. */
    static Map<String, Double> cpuPerRequest(Map<String, Map<Long, Long>> before, Map<String, Map<Long, Long>> after, long requests) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        before.forEach((name, reading) -> perRequest.put(name, ProcessCpu.delta(reading, after.get(name)) / (double) Math.max(requests, 1)));
        return perRequest;
    }

    /** Heap after GC of node {@code i}, MiB, or NaN if its metrics do not say. */
    static double heapAfterGcMib(int i) {
        OptionalDouble bytes = Metrics.heapAfterGc(HTTP, "http://localhost:" + (ClusterTopology.MANAGEMENT_PORT + i - 1));
        return bytes.isPresent() ? bytes.getAsDouble() / (1024 * 1024) : Double.NaN;
    }

    static Path reportDir() {
        return Path.of(System.getProperty("storezero.state", "target/storezero")).resolveSibling("load-reports");
    }
}
