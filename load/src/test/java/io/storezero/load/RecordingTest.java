package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordingTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long ORIGIN = 100 * SECOND;

    private static SilentAuthentication.Sample ok(double endSeconds, long latencyMillis, String node) {
        long end = ORIGIN + (long) (endSeconds * SECOND);
        return new SilentAuthentication.Sample(end - latencyMillis * 1_000_000, end, Outcome.SUCCESS, node);
    }

    private static SilentAuthentication.Sample failed(double endSeconds, String reason) {
        long end = ORIGIN + (long) (endSeconds * SECOND);
        return new SilentAuthentication.Sample(end - 1_000_000, end, Outcome.failure(reason), "");
    }

    @Test
    void aSampleCountsInTheIntervalItEndedInAndTheWarmUpNotAtAll() {
        Recording recording = new Recording(ORIGIN, 10 * SECOND, true);
        recording.record(ok(-0.5, 5, "node1")); // warm-up
        recording.record(ok(0, 5, "node1"));
        recording.record(ok(9.99, 7, "node2"));
        recording.record(ok(10, 9, "node1"));
        recording.record(failed(25, "status=502"));

        List<Recording.Interval> intervals = recording.intervals();
        assertThat(intervals).extracting(Recording.Interval::requests).containsExactly(2L, 1L, 1L);
        assertThat(intervals).extracting(Recording.Interval::startSeconds).containsExactly(0.0, 10.0, 20.0);
        assertThat(intervals.get(0).successesByNode()).isEqualTo(Map.of("node1", 1L, "node2", 1L));
        assertThat(intervals.get(2).failuresByReason()).isEqualTo(Map.of("status=502", 1L));
        assertThat(intervals.get(2).p50Millis()).as("a failure's time is not a latency").isZero();
        assertThat(recording.total().requests()).isEqualTo(4);
        assertThat(recording.total().failures()).isEqualTo(1);
        assertThat(recording.samples()).hasSize(4);
    }

    @Test
    void anIntervalWithoutSamplesShowsAsZerosNotAsAGap() {
        Recording recording = new Recording(ORIGIN, SECOND, false);
        recording.record(ok(0.5, 5, "node1"));
        recording.record(ok(3.5, 5, "node1"));
        assertThat(recording.intervals()).extracting(Recording.Interval::requests).containsExactly(1L, 0L, 0L, 1L);
        assertThat(recording.samples()).as("not kept unless asked").isEmpty();
    }

    @Test
    void percentilesComeFromTheHistogramOfSuccesses() {
        Recording recording = new Recording(ORIGIN, 60 * SECOND, false);
        for (int i = 1; i <= 100; i++) {
            recording.record(ok(1, i, "node1"));
        }
        Recording.Interval total = recording.total();
        assertThat(total.p50Millis()).isCloseTo(50, org.assertj.core.data.Offset.offset(0.1));
        assertThat(total.p99Millis()).isCloseTo(99, org.assertj.core.data.Offset.offset(0.1));
        assertThat(total.maxMillis()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void recordingsTakenInBlocksMergeIntoOneRunWhosePercentilesAreThoseOfAllSamples() {
        Recording first = new Recording(ORIGIN, SECOND, false);
        Recording second = new Recording(ORIGIN + 100 * SECOND, SECOND, false);
        for (int i = 1; i <= 50; i++) {
            first.record(ok(0.5, i, "node1"));
        }
        for (int i = 51; i <= 100; i++) {
            second.record(ok(100.5, i, "node1"));
        }
        second.record(failed(101, "error=login_required"));

        Recording.Interval total = Recording.total(List.of(first, second));

        assertThat(total.requests()).isEqualTo(101);
        assertThat(total.failures()).isEqualTo(1);
        assertThat(total.failuresByReason()).isEqualTo(Map.of("error=login_required", 1L));
        assertThat(total.p50Millis()).as("the median of 1..100, not of either block").isCloseTo(50, org.assertj.core.data.Offset.offset(0.1));
        assertThat(total.p99Millis()).isCloseTo(99, org.assertj.core.data.Offset.offset(0.1));
    }
}
