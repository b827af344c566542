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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sustained load on the two-node cluster: silent authentications at a fixed rate of about half the capacity this run
 * measures first (4 closed-loop clients), for {@code -Dstorezero.soak.minutes} (1 in CI; 30 for the real soak).
 * Per minute: requests, errors, p50/p99 and each node's heap after GC, with the trend (least-squares slope) of the
 * heap and of p99, in target/load-reports/cluster-soak.{md,json}. No error is allowed; from 10 minutes on, no
 * upward heap trend beyond {@link #HEAP_SLOPE_TOLERANCE_MIB}.
 */
@ExtendWith(ClusterTopology.class)
@Requires({Prerequisite.POSTGRESQL, Prerequisite.HAPROXY})
class ClusterSoakIT {

    private static final long MINUTES = Long.getLong("storezero.soak.minutes", 1);
    /**
     * Heap after GC may grow this much a minute, per node, on a run of 10 minutes or more: 2 MiB/min is 60 MiB over
     * the 30-minute soak, about a third of the ~150-200 MiB a node's live set holds at rest, far above what G1's
     * live-data sampling wanders (it moves in steps, when a collection reaches the old generation) and far below what
     * a leak of one retained object graph per request (a few KiB at ~50 requests/s, i.e. ~10 MiB/min) would show.
     */
    static final double HEAP_SLOPE_TOLERANCE_MIB = 2.0;

    @Test
    void halfTheCapacityForMinutesFailsNothingAndGrowsNoHeap() {
        List<Session> sessions = ClusterLoad.logIn(ClusterLoad.USERS);
        LoadGenerator load = new LoadGenerator(ClusterLoad.HTTP, ClusterLoad.SILENT, sessions);

        Recording probe = load.concurrent(4, Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(20));
        double capacity = probe.total().requests() / 20.0;
        assertThat(probe.total().failures()).as("failures of the capacity probe: %s", probe.total().failuresByReason()).isZero();
        double rate = Math.max(1, capacity / 2);
        System.out.printf(Locale.ROOT, "[soak] capacity %.1f silent authentications/s at 4 clients; soak at %.1f/s for %d min%n",
                capacity, rate, MINUTES);

        LoadGenerator.Running running = load.startRate(rate, Duration.ZERO, Duration.ofMinutes(1), false);
        long origin = running.recording().originNanos();
        List<double[]> heap = new ArrayList<>();
        for (long minute = 1; minute <= MINUTES; minute++) {
            long due = origin + Duration.ofMinutes(minute).toNanos();
            Poll.until(Duration.ofMinutes(2), "minute " + MINUTES, () -> System.nanoTime() >= due ? Boolean.TRUE : null);
            heap.add(new double[] {ClusterLoad.heapAfterGcMib(1), ClusterLoad.heapAfterGcMib(2)});
        }
        Recording recording = running.stop();
        List<Recording.Interval> minutes = recording.intervals().subList(0, (int) Math.min(MINUTES, recording.intervals().size()));

        double heapSlope1 = Reports.slope(heap.stream().map(h -> h[0]).toList());
        double heapSlope2 = Reports.slope(heap.stream().map(h -> h[1]).toList());
        double p99Slope = Reports.slope(minutes.stream().map(Recording.Interval::p99Millis).toList());
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "# Soak%n%ncapacity %.1f/s (4 clients), soak at %.1f/s for %d min, %d users%n%n"
                        + "| minute | requests | errors | p50 (ms) | p99 (ms) | heap after GC node1 (MiB) | node2 (MiB) |%n|---:|---:|---|---:|---:|---:|---:|%n",
                capacity, rate, MINUTES, ClusterLoad.USERS));
        for (int m = 0; m < minutes.size(); m++) {
            Recording.Interval i = minutes.get(m);
            double[] h = m < heap.size() ? heap.get(m) : new double[] {Double.NaN, Double.NaN};
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %.1f | %.1f | %.1f | %.1f |%n", m + 1, i.requests(),
                    i.failures() == 0 ? "0" : i.failures() + " " + i.failuresByReason(), i.p50Millis(), i.p99Millis(), h[0], h[1]));
        }
        md.append(String.format(Locale.ROOT, "%ntrend per minute: heap after GC node1 %+.2f MiB, node2 %+.2f MiB; p99 %+.2f ms%n",
                heapSlope1, heapSlope2, p99Slope));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("capacityPerSecond", capacity);
        json.put("ratePerSecond", rate);
        json.put("minutes", minutes);
        json.put("heapAfterGcMib", heap);
        json.put("heapSlopeMibPerMinute", List.of(heapSlope1, heapSlope2));
        json.put("p99SlopeMillisPerMinute", p99Slope);
        Reports.writeJson(ClusterLoad.reportDir().resolve("cluster-soak.json"), json);
        Reports.writeText(ClusterLoad.reportDir().resolve("cluster-soak.md"), md.toString());
        System.out.println("[soak]\n" + md);

        assertThat(recording.total().failures()).as("errors during the soak: %s", recording.total().failuresByReason()).isZero();
        assertThat(recording.total().requests()).as("requests the soak made").isGreaterThan((long) (rate * 60 * MINUTES * 0.9));
        assertThat(heap).as("heap after GC of both nodes, from their metrics").allMatch(h -> !Double.isNaN(h[0]) && !Double.isNaN(h[1]));
        if (MINUTES >= 10) {
            assertThat(heapSlope1).as("node1's heap after GC trend, MiB/min").isLessThanOrEqualTo(HEAP_SLOPE_TOLERANCE_MIB);
            assertThat(heapSlope2).as("node2's heap after GC trend, MiB/min").isLessThanOrEqualTo(HEAP_SLOPE_TOLERANCE_MIB);
        }
    }
}
