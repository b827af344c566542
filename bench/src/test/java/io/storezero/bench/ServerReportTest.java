package io.storezero.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.load.Recording;
import io.storezero.load.SilentAuthentication.Flow;
import io.storezero.load.SilentAuthentication.ResponseMode;
import io.storezero.load.WarmUp;
import org.junit.jupiter.api.Test;

class ServerReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Recording.Interval total(long requests, long failures) {
        return new Recording.Interval(-1, 0, requests, failures, failures == 0 ? Map.of() : Map.of("error=login_required", failures),
                10, 40, 50, Map.of("?", requests - failures));
    }

    private static ServerReport report(KeycloakCpu cpu, Double fragmentCpu, Double webMessageCpu) {
        List<ServerReport.Cell> cells = List.of(
                new ServerReport.Cell(Flow.IMPLICIT, 4, ResponseMode.FRAGMENT, total(400, 0), 100, fragmentCpu),
                new ServerReport.Cell(Flow.IMPLICIT, 4, ResponseMode.WEB_MESSAGE, total(500, 2), 125, webMessageCpu));
        return ServerReport.measured(ServerOptions.defaults(), "http://localhost:13000/",
                new WarmUp.Result(List.of(80.0, 120.0, 122.0), Duration.ofSeconds(15), true), cpu, cells);
    }

    @Test
    void theRatioIsWebMessagesThroughputOverFragmentsAtTheSameFlowAndClientCount() {
        KeycloakCpu cpu = new KeycloakCpu(OptionalLong.of(42), "/proc/42/stat");
        JsonNode server = report(cpu, 2.5, 2.0).json(JSON);

        assertThat(server.path("cells").get(0).path("throughputRatioToFragment").asDouble()).isEqualTo(1.0);
        assertThat(server.path("cells").get(1).path("throughputRatioToFragment").asDouble()).isEqualTo(1.25);
        assertThat(server.path("cells").get(1).path("successes").asLong()).isEqualTo(498);
        assertThat(server.path("cells").get(1).path("failuresByReason").path("error=login_required").asLong()).isEqualTo(2);
        assertThat(server.path("warmUp").path("chosenSeconds").asDouble()).isEqualTo(15);
        assertThat(server.path("warmUp").path("steady").asBoolean()).isTrue();
        assertThat(server.path("cpu").path("source").asText()).isEqualTo("/proc/42/stat");

        String md = report(cpu, 2.5, 2.0).markdown();
        assertThat(md).contains("| implicit | 4 | web_message | 125.0 | 10.0 | 40.0 | 2.00 | 1.25 | 500 | 2 (error=login_required: 2) |");
        assertThat(md).contains("80.0, 120.0, 122.0 (req/s) = 15 s, the last two agreed");
    }

    @Test
    void anUnreadableKeycloakProcessGivesNullCpuWithTheReasonNeverZero() {
        KeycloakCpu none = KeycloakCpu.of(java.util.Optional.empty());
        assertThat(none.measured()).isFalse();
        assertThat(none.read()).isEmpty();

        JsonNode server = report(none, null, null).json(JSON);
        assertThat(server.path("cells").get(0).path("cpuMsPerRequest").isNull()).isTrue();
        assertThat(server.path("cpu").path("reason").asText()).contains("--keycloak-url");
        assertThat(report(none, null, null).markdown()).contains("| n/a |").contains("CPU-ms: not measured: the run did not start");
    }

    @Test
    void aSkippedSectionSaysWhyInBothReports() {
        ServerReport skipped = ServerReport.skipped("server section skipped: realm facebook does not exist on http://kc");
        assertThat(skipped.json(JSON).path("skipped").asText()).startsWith("server section skipped: realm facebook");
        assertThat(skipped.markdown()).contains("server section skipped: realm facebook does not exist");
        assertThat(skipped.json(JSON).has("cells")).isFalse();
    }

    @Test
    void theRunningJvmIsFoundFromARunnerPidFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pid = dir.resolve("keycloak.pid");
        java.nio.file.Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        KeycloakCpu cpu = KeycloakCpu.of(java.util.Optional.of(pid));

        assertThat(cpu.jvm()).hasValue(ProcessHandle.current().pid());
        assertThat(cpu.read()).isPresent();
        assertThat(KeycloakCpu.of(java.util.Optional.of(dir.resolve("missing.pid"))).source()).contains("no PID file");
    }
}
