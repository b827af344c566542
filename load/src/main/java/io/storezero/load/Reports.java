package io.storezero.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A run's figures as JSON (for machines: the benchmark, the lead's table) and as a Markdown table (for people). Only
 * counts, latencies, reasons and node names go in: never a token, a code or a cookie.
 */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static void writeJson(Path file, Object report) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One row per interval: requests, failures (by reason), p50/p99/max, successes by node. */
    public static String intervalsTable(List<Recording.Interval> intervals) {
        StringBuilder table = new StringBuilder("| from (s) | requests | failures | p50 (ms) | p99 (ms) | max (ms) | by node |\n"
                + "|---:|---:|---|---:|---:|---:|---|\n");
        for (Recording.Interval i : intervals) {
            table.append(String.format(Locale.ROOT, "| %.0f | %d | %s | %.1f | %.1f | %.1f | %s |%n", i.startSeconds(), i.requests(),
                    failures(i), i.p50Millis(), i.p99Millis(), i.maxMillis(), counts(i.successesByNode())));
        }
        return table.toString();
    }

    /** "0", or the count and its reasons: "3 (error=login_required: 2, status=502: 1)". */
    public static String failures(Recording.Interval interval) {
        return interval.failures() == 0 ? "0" : interval.failures() + " (" + counts(interval.failuresByReason()) + ")";
    }

    static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The least-squares slope of {@code ys} over their index (one unit per interval); 0 for fewer than 2 points. */
    public static double slope(List<Double> ys) {
        int n = ys.size();
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int x = 0; x < n; x++) {
            num += (x - meanX) * (ys.get(x) - meanY);
            den += (x - meanX) * (x - meanX);
        }
        return num / den;
    }
}
