package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aMetricIsSummedOverItsLabelsAndNotConfusedWithALongerName() {
        String exposition = """
                # TYPE jvm_gc_live_data_size_bytes gauge
                # HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
                jvm_gc_live_data_size_bytes 1.2345678E8
                jvm_gc_live_data_size_bytes_total 7
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 100.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 50.0
                """;
        assertThat(Metrics.value(exposition, "jvm_gc_live_data_size_bytes")).hasValue(1.2345678E8);
        assertThat(Metrics.value(exposition, "jvm_memory_used_bytes")).hasValue(150.0);
        assertThat(Metrics.value(exposition, "jvm_gc_max_data_size_bytes")).isEmpty();
        assertThat(Metrics.value(exposition, Metrics.OLD_GEN)).as("one label set").hasValue(50.0);
    }
}
