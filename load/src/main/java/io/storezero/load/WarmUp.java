package io.storezero.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A warm-up whose length is chosen by measurement, not guessed: intervals of load are run one after the other until
 * the throughput of two consecutive intervals differs by less than a tolerance (the JIT has compiled what the load
 * runs, the caches are full: more warm-up would not change the figures), or until a cap (a busy machine may never
 * settle that closely). What it ran and why it stopped is kept, so a report can say how the warm-up was chosen.
 *
 * @param interval  one interval's length
 * @param tolerance the largest relative difference of two consecutive intervals' throughputs that counts as steady
 *                  (0.05: 5 %), taken to the larger of the two
 * @param cap       the longest warm-up: no interval starts once this much has run
 */
public record WarmUp(Duration interval, double tolerance, Duration cap) {

    public WarmUp {
        if (interval.isZero() || interval.isNegative() || cap.compareTo(interval) < 0 || tolerance <= 0) {
            throw new IllegalArgumentException("a warm-up needs a positive interval, a cap of at least one interval and a positive tolerance");
        }
    }

    /**
     * What a warm-up ran: each interval's throughput (requests/s) in order, its length, and whether it stopped because
     * two consecutive intervals agreed ({@code steady}) or because it reached the cap.
     */
    public record Result(List<Double> throughputs, Duration length, boolean steady) {
    }

    /** Runs intervals through {@code oneInterval} (which loads the server for {@link #interval} and answers its throughput). */
    public Result run(Supplier<Double> oneInterval) {
        List<Double> throughputs = new ArrayList<>();
        Duration length = Duration.ZERO;
        while (length.plus(interval).compareTo(cap) <= 0) {
            throughputs.add(oneInterval.get());
            length = length.plus(interval);
            if (steady(throughputs)) {
                return new Result(List.copyOf(throughputs), length, true);
            }
        }
        return new Result(List.copyOf(throughputs), length, false);
    }

    /** Whether the last two throughputs differ by less than the tolerance (both must be above zero). */
    boolean steady(List<Double> throughputs) {
        int n = throughputs.size();
        if (n < 2) {
            return false;
        }
        double a = throughputs.get(n - 2);
        double b = throughputs.get(n - 1);
        return a > 0 && b > 0 && Math.abs(a - b) / Math.max(a, b) < tolerance;
    }

    /** The rule in words, for a report. */
    public String rule() {
        return String.format(Locale.ROOT, "intervals of %s s until two consecutive intervals' throughputs differ by less than %s %% "
                + "(of the larger), at most %s s", seconds(interval), format(tolerance * 100), seconds(cap));
    }

    private static String seconds(Duration d) {
        return format(d.toMillis() / 1000.0);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
