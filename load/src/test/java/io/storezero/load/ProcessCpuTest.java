package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void utimePlusStimeAreReadAfterTheCommandNameEvenWhenItHoldsSpacesAndParentheses() {
        // A real line's shape (from /proc/PID/stat of a JVM), with a command name that would break a naive split.
        String stat = "4242 (java (x) y) S 4200 4200 4200 0 -1 4194560 95000 0 12 0 1234 567 0 0 20 0 61 0 98765 "
                + "3000000000 60000 18446744073709551615 1 1 0 0 0 0 4 4096 17922 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void theTreeOfThisJvmIsReadAndItsCpuOnlyGrows() {
        long self = ProcessHandle.current().pid();
        Map<Long, Long> before = ProcessCpu.tree(self);
        assertThat(before).containsKey(self);
        // 200 ms of this thread's own CPU (the JVM's account of it, whatever the machine's load): /proc must see them.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long spin = threads.getCurrentThreadCpuTime() + 200_000_000L;
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < spin) {
            x += Math.sqrt(x + 1);
        }
        Map<Long, Long> after = ProcessCpu.tree(self);
        // 10 ms ticks: 200 ms of CPU reads as at least 190.
        assertThat(ProcessCpu.delta(before, after)).as("CPU ms after spinning 200 ms of CPU (%s)", x).isGreaterThanOrEqualTo(190);
        assertThat(ProcessCpu.jvm(self)).hasValue(self);
    }

    @Test
    void aProcessThatAppearedBetweenReadingsCountsInFull() {
        assertThat(ProcessCpu.delta(Map.of(1L, 100L), Map.of(1L, 150L, 2L, 30L))).isEqualTo(80);
    }
}
