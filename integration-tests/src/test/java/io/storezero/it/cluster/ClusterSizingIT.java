package io.storezero.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.storezero.load.LoadGenerator;
import io.storezero.load.Recording;
import io.storezero.load.Reports;
import io.storezero.load.Session;
import io.storezero.testsupport.Poll;
import io.storezero.testsupport.Prerequisite;
import io.storezero.testsupport.Requires;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sizing measurement of docs/production.md, run on demand ({@code -Dstorezero.sizing=true}): silent
 * authentications per second, latency and CPU milliseconds per silent authentication (each Keycloak JVM, HAProxy and
 * PostgreSQL apart) through the balancer, with two nodes and with one (node 2 stopped), at 4 and 16 clients, after a
 * warm-up. Writes target/load-reports/cluster-sizing.{md,json}. It asserts no figure: only that nothing failed.
 */
@ExtendWith(ClusterTopology.class)
@Requires({Prerequisite.POSTGRESQL, Prerequisite.HAPROXY})
@EnabledIfSystemProperty(named = "storezero.sizing", matches = "true")
class ClusterSizingIT {

    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("storezero.sizing.warmup.seconds", 30));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("storezero.sizing.seconds", 30));

    record Row(int nodes, int clients, double perSecond, double p50Millis, double p99Millis, long failures,
            Map<String, Double> cpuMillisPerRequest) {
    }

    @Test
    void silentAuthenticationsPerSecondAndCpuPerAuthenticationOnOneAndTwoNodes() {
        List<Session> sessions = ClusterLoad.logIn(ClusterLoad.USERS);
        LoadGenerator load = new LoadGenerator(ClusterLoad.HTTP, ClusterLoad.SILENT, sessions);
        List<Row> rows = new ArrayList<>();
        for (int clients : new int[] {4, 16}) {
            rows.add(measure(load, clients, 1, 2));
        }
        ClusterTopology.expectSuccess(Duration.ofSeconds(300), "stop-node", "2");
        Poll.until(Duration.ofSeconds(60), "HAProxy marking node2 DOWN",
                () -> ClusterLoad.haproxyStates().getOrDefault("node2", "").startsWith("DOWN") ? Boolean.TRUE : null);
        try {
            for (int clients : new int[] {4, 16}) {
                rows.add(measure(load, clients, 1));
            }
        } finally {
            ClusterTopology.expectSuccess(Duration.ofSeconds(900), "start");
        }

        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "# Sizing%n%n%d users, warm-up %d s, %d s measured per row, "
                + "%d cores (%s)%n%n| nodes | clients | silent auth/s | p50 (ms) | p99 (ms) | CPU-ms/auth Keycloak | HAProxy | PostgreSQL | failures |%n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n", ClusterLoad.USERS, WARMUP.toSeconds(), MEASURE.toSeconds(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
        for (Row row : rows) {
            double keycloak = row.cpuMillisPerRequest().entrySet().stream().filter(e -> e.getKey().startsWith("node"))
                    .mapToDouble(Map.Entry::getValue).sum();
            md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %d |%n", row.nodes(), row.clients(),
                    row.perSecond(), row.p50Millis(), row.p99Millis(), keycloak, row.cpuMillisPerRequest().get("haproxy"),
                    row.cpuMillisPerRequest().get("postgresql"), row.failures()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", ClusterLoad.USERS);
        json.put("warmupSeconds", WARMUP.toSeconds());
        json.put("measuredSeconds", MEASURE.toSeconds());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("rows", rows);
        Reports.writeJson(ClusterLoad.reportDir().resolve("cluster-sizing.json"), json);
        Reports.writeText(ClusterLoad.reportDir().resolve("cluster-sizing.md"), md.toString());
        System.out.println("[sizing]\n" + md);
        assertThat(rows).allMatch(row -> row.failures() == 0, "no failed silent authentication");
    }

    private static Row measure(LoadGenerator load, int clients, int... nodes) {
        Map<String, Long> processes = ClusterLoad.processes(nodes);
        LoadGenerator.Running running = load.startConcurrent(clients, WARMUP, MEASURE, false);
        long origin = running.recording().originNanos();
        Poll.until(WARMUP.plusSeconds(30), "the end of the warm-up", () -> System.nanoTime() >= origin ? Boolean.TRUE : null);
        var before = ClusterLoad.cpu(processes);
        long end = origin + MEASURE.toNanos();
        Poll.until(MEASURE.plusSeconds(30), "the end of the measurement", () -> System.nanoTime() >= end ? Boolean.TRUE : null);
        var after = ClusterLoad.cpu(processes);
        Recording recording = running.stop();
        // Only the requests that ended inside the measured span, the one the CPU readings cover.
        Recording.Interval measured = recording.intervals().get(0);
        return new Row(nodes.length, clients, measured.requests() / (double) MEASURE.toSeconds(), measured.p50Millis(),
                measured.p99Millis(), measured.failures(), ClusterLoad.cpuPerRequest(before, after, measured.requests()));
    }
}
