package io.storezero.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.storezero.load.SilentAuthentication.Flow;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void byDefaultTheServerSectionMeasuresBothFlowsAt1And4And16ClientsWith20SessionsAfterAMeasuredWarmUp() {
        ServerOptions server = BenchOptions.parse(List.of()).server();

        assertThat(server.sessions()).isEqualTo(20);
        assertThat(server.clients()).containsExactly(1, 4, 16);
        assertThat(server.flows()).containsExactly(Flow.IMPLICIT, Flow.CODE);
        assertThat(server.perCell()).isEqualTo(Duration.ofSeconds(20));
        assertThat(server.warmUp().cap()).isEqualTo(Duration.ofSeconds(60));
        assertThat(server.warmUp().interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theSmokeIsTinyButAnExplicitServerOptionWinsWhateverItsPlace() {
        ServerOptions smoke = BenchOptions.parse(List.of("--smoke")).server();
        assertThat(smoke.sessions()).isEqualTo(3);
        assertThat(smoke.perCell()).isEqualTo(Duration.ofSeconds(2));
        assertThat(smoke.warmUp().cap()).as("one interval").isEqualTo(smoke.warmUp().interval());

        ServerOptions given = BenchOptions.parse(List.of("--server-sessions", "7", "--server-seconds", "1.5", "--smoke",
                "--server-flows", "code", "--server-warmup-max", "30")).server();
        assertThat(given.sessions()).isEqualTo(7);
        assertThat(given.perCell()).isEqualTo(Duration.ofMillis(1500));
        assertThat(given.flows()).containsExactly(Flow.CODE);
        assertThat(given.warmUp().cap()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWarmUpCapBelowOneIntervalRunsOneShorterInterval() {
        ServerOptions server = BenchOptions.parse(List.of("--server-warmup-max", "1")).server();
        assertThat(server.warmUp().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(server.warmUp().cap()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aWrongServerOptionIsRefusedWithWhatItTakes() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--server-flows", "hybrid"))).hasMessageContaining("implicit,code");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--server-seconds", "0"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--server-sessions", "-1"))).hasMessageContaining("positive");
    }
}
