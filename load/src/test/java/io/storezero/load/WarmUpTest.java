package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static final WarmUp RULE = new WarmUp(Duration.ofSeconds(5), 0.05, Duration.ofSeconds(60));

    /** The throughputs a server would show interval after interval, one per call. */
    private static java.util.function.Supplier<Double> server(Double... throughputs) {
        Iterator<Double> next = List.of(throughputs).iterator();
        return next::next;
    }

    @Test
    void givenAServerThatSpeedsUpThenSettlesThenTheWarmUpStopsAtTheFirstTwoIntervalsThatAgree() {
        WarmUp.Result result = RULE.run(server(40.0, 90.0, 120.0, 130.0, 133.0, 999.0));

        assertThat(result.throughputs()).containsExactly(40.0, 90.0, 120.0, 130.0, 133.0);
        assertThat(result.length()).isEqualTo(Duration.ofSeconds(25));
        assertThat(result.steady()).isTrue();
    }

    @Test
    void givenAServerThatNeverSettlesThenTheWarmUpStopsAtTheCapAndSaysSo() {
        WarmUp rule = new WarmUp(Duration.ofSeconds(5), 0.05, Duration.ofSeconds(17));
        WarmUp.Result result = rule.run(server(100.0, 50.0, 100.0, 50.0));

        assertThat(result.throughputs()).as("no interval starts past the cap").hasSize(3);
        assertThat(result.length()).isEqualTo(Duration.ofSeconds(15));
        assertThat(result.steady()).isFalse();
    }

    @Test
    void givenAServerThatAnswersNothingThenTwoEmptyIntervalsAreNotSteady() {
        WarmUp rule = new WarmUp(Duration.ofSeconds(1), 0.05, Duration.ofSeconds(3));
        assertThat(rule.run(server(0.0, 0.0, 0.0)).steady()).isFalse();
    }

    @Test
    void aCapOfOneIntervalRunsExactlyOne() {
        WarmUp rule = new WarmUp(Duration.ofSeconds(2), 0.05, Duration.ofSeconds(2));
        assertThat(rule.run(server(10.0)).throughputs()).hasSize(1);
    }

    @Test
    void theRuleInWordsNamesItsIntervalToleranceAndCap() {
        assertThat(RULE.rule()).isEqualTo("intervals of 5 s until two consecutive intervals' throughputs differ by less than 5 % "
                + "(of the larger), at most 60 s");
        assertThatThrownBy(() -> new WarmUp(Duration.ofSeconds(5), 0.05, Duration.ofSeconds(4)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
