package io.storezero.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportsTest {

    @Test
    void theSlopeIsTheLeastSquaresOneOverTheIntervalIndex() {
        assertThat(Reports.slope(List.of(10.0, 12.0, 14.0, 16.0))).isCloseTo(2.0, within(1e-9));
        assertThat(Reports.slope(List.of(5.0, 7.0, 5.0, 7.0))).isCloseTo(0.4, within(1e-9));
        assertThat(Reports.slope(List.of(3.0))).isZero();
    }

    @Test
    void theTableSaysFailuresByReasonAndSuccessesByNode() {
        Recording.Interval interval = new Recording.Interval(0, 0, 10, 2, Map.of("status=502", 2L), 4.2, 9.9, 12, Map.of("node1", 8L));
        assertThat(Reports.intervalsTable(List.of(interval))).contains("| 0 | 10 | 2 (status=502: 2) | 4.2 | 9.9 | 12.0 | node1: 8 |");
    }

    @Test
    void credentialsAreRedactedFromCapturedAnswers() {
        assertThat(Capture.redact("https://app/#state=s&access_token=eyJ.x.y&code=abc&session_state=123"))
                .isEqualTo("https://app/#state=s&access_token=REDACTED&code=REDACTED&session_state=REDACTED");
        assertThat(Capture.redact("{\"state\":\"s\",\"id_token\":\"eyJ.a.b\"}")).isEqualTo("{\"state\":\"s\",\"id_token\":\"REDACTED\"}");
    }
}
