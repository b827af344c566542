package io.storezero.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The samples of one run, accounted per interval of the run's clock: a sample belongs to the interval in which it
 * ended, counted from {@code originNanos} (the end of the warm-up); what ended before the origin is the warm-up and is
 * not counted. Latency histograms hold successful requests only: a failure's time (a refused connection, a timeout)
 * says nothing about how long an authentication takes, and its reason is counted instead.
 */
public final class Recording {

    /** Up to a minute, 3 significant digits: a silent authentication that takes longer is a failure anyway. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final long originNanos;
    private final long intervalNanos;
    private final boolean keepSamples;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private final List<SilentAuthentication.Sample> samples = new ArrayList<>();

    public Recording(long originNanos, long intervalNanos, boolean keepSamples) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.originNanos = originNanos;
        this.intervalNanos = intervalNanos;
        this.keepSamples = keepSamples;
    }

    public long originNanos() {
        return originNanos;
    }

    public synchronized void record(SilentAuthentication.Sample sample) {
        if (sample.endNanos() < originNanos) {
            return;
        }
        long index = (sample.endNanos() - originNanos) / intervalNanos;
        buckets.computeIfAbsent(index, i -> new Bucket()).add(sample);
        if (keepSamples) {
            samples.add(sample);
        }
    }

    /** One interval's figures (or the whole run's: index -1); latencies in milliseconds. */
    public record Interval(long index, double startSeconds, long requests, long failures,
            Map<String, Long> failuresByReason, double p50Millis, double p99Millis, double maxMillis,
            Map<String, Long> successesByNode) {
    }

    /** Every interval from the first to the last that saw a sample, empty ones included (a stall shows as zeros). */
    public synchronized List<Interval> intervals() {
        List<Interval> result = new ArrayList<>();
        if (buckets.isEmpty()) {
            return result;
        }
        for (long i = 0; i <= buckets.lastKey(); i++) {
            result.add(buckets.getOrDefault(i, new Bucket()).interval(i, i * intervalNanos / 1e9));
        }
        return result;
    }

    /** The whole run after the warm-up. */
    public synchronized Interval total() {
        Bucket all = new Bucket();
        buckets.values().forEach(all::merge);
        return all.interval(-1, 0);
    }

    /**
     * Several recordings as one run after their warm-ups: requests, failures and one latency histogram merged, so the
     * percentiles are those of all samples together (percentiles of parts cannot be averaged). For a measurement taken
     * in several blocks, interleaved with others.
     */
    public static Interval total(Collection<Recording> recordings) {
        Bucket all = new Bucket();
        for (Recording recording : recordings) {
            synchronized (recording) {
                recording.buckets.values().forEach(all::merge);
            }
        }
        return all.interval(-1, 0);
    }

    /** Every sample after the warm-up, in the order they were recorded (only if the recording keeps them). */
    public synchronized List<SilentAuthentication.Sample> samples() {
        return List.copyOf(samples);
    }

    private static final class Bucket {
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        long requests;
        long failures;
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, Long> nodes = new TreeMap<>();

        void add(SilentAuthentication.Sample sample) {
            requests++;
            if (sample.outcome().success()) {
                latency.recordValue(Math.min(Math.max(sample.latencyMicros(), 0), HIGHEST_MICROS));
                nodes.merge(sample.node().isEmpty() ? "?" : sample.node(), 1L, Long::sum);
            } else {
                failures++;
                reasons.merge(sample.outcome().reason(), 1L, Long::sum);
            }
        }

        void merge(Bucket other) {
            latency.add(other.latency);
            requests += other.requests;
            failures += other.failures;
            other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
            other.nodes.forEach((k, v) -> nodes.merge(k, v, Long::sum));
        }

        Interval interval(long index, double startSeconds) {
            boolean any = latency.getTotalCount() > 0;
            return new Interval(index, startSeconds, requests, failures, Map.copyOf(reasons),
                    any ? latency.getValueAtPercentile(50) / 1000.0 : 0, any ? latency.getValueAtPercentile(99) / 1000.0 : 0,
                    any ? latency.getMaxValue() / 1000.0 : 0, Map.copyOf(nodes));
        }
    }
}
