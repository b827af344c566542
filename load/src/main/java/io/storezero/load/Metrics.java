package io.storezero.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A Keycloak node's heap after garbage collection, from its management port's Prometheus endpoint ({@code /metrics},
 * enabled by {@code --metrics-enabled=true}). Micrometer's JVM GC binder, which Keycloak 26.7 registers, exposes
 * {@code jvm_gc_live_data_size_bytes}: the old generation's size after the last collection that reached it, the figure
 * a leak grows. Seen on 26.7.5 with G1: it stays 0 until the first concurrent cycle, which a lightly loaded node may
 * not run for many minutes; until then the old generation's occupancy ({@code jvm_memory_used_bytes} of
 * {@code G1 Old Gen}: what young collections promoted and kept) stands in for it.
 */
public final class Metrics {

    public static final String HEAP_AFTER_GC = "jvm_gc_live_data_size_bytes";

    private Metrics() {
    }

    /** G1's old generation, as Micrometer labels it. */
    static final String OLD_GEN = "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}";

    /** The sum of every sample of {@code name} (all label sets) in a Prometheus text exposition. */
    static OptionalDouble value(String exposition, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ") && !name.endsWith("}")) {
                continue;
            }
            String[] parts = rest.substring(rest.startsWith("{") ? rest.indexOf('}') + 1 : 0).trim().split("\\s+");
            sum += Double.parseDouble(parts[0]);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** {@code names}' first that the node at {@code managementUrl} exposes, in bytes; empty if none or unreachable. */
    public static OptionalDouble read(HttpClient http, String managementUrl, List<String> names) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            for (String name : names) {
                OptionalDouble value = value(response.body(), name);
                if (value.isPresent()) {
                    return value;
                }
            }
            return OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** Heap after GC in bytes: the live data size once a collection reached the old generation, else its occupancy. */
    public static OptionalDouble heapAfterGc(HttpClient http, String managementUrl) {
        OptionalDouble live = read(http, managementUrl, List.of(HEAP_AFTER_GC));
        return live.isPresent() && live.getAsDouble() > 0 ? live : read(http, managementUrl, List.of(OLD_GEN));
    }
}
