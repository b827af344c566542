package io.storezero.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The benchmark cannot rot: {@code ./mvnw verify} runs it with a handful of iterations against a Keycloak it starts
 * itself through the runner, on the smoke's own ports (bench/pom.xml: {@code storezero.bench.smoke.*}, 38280, 39200,
 * 33200 and pages on 33300, clear of the demo, the integration tests and {@code ./storezero bench}). It asserts what a
 * reader of the report relies on, never a time: every variant got tokens every time, both report files exist and
 * parse, and every row has its ratio to keycloak-js check-sso; and the server section ran every cell (flow, clients,
 * response mode) with successes and no failure, with the Keycloak JVM's CPU read (the run started it).
 */
class BenchSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyVariantGetsTokensEveryTimeAndTheReportHasItsRatios() throws IOException {
        Path out = Path.of(System.getProperty("storezero.bench.smoke.out"));
        List<String> args = new ArrayList<>(List.of("--smoke", "--out", out.toString(),
                "--state", System.getProperty("storezero.bench.smoke.state"),
                "--keycloak-port", System.getProperty("storezero.bench.smoke.keycloak.port"),
                "--management-port", System.getProperty("storezero.bench.smoke.management.port"),
                "--app-port", System.getProperty("storezero.bench.smoke.app.port"),
                "--pages-port", System.getProperty("storezero.bench.smoke.pages.port")));
        BenchOptions options = BenchOptions.parse(args);

        Path markdown = Bench.run(options);

        JsonNode report = JSON.readTree(out.resolve("bench.json").toFile());
        JsonNode variants = report.path("browser").path("variants");
        assertThat(variants).hasSize(Variant.values().length);
        for (JsonNode variant : variants) {
            String id = variant.path("id").asText();
            assertThat(variant.path("measurements").asInt()).as(id + " measurements").isEqualTo(options.iterations());
            assertThat(variant.path("withTokens").asInt()).as(id + " got tokens every time; errors: " + variant.path("errors"))
                    .isEqualTo(options.iterations());
            assertThat(variant.path("ratioToBaseline").isNumber()).as(id + " has a ratio").isTrue();
            assertThat(variant.path("requestsPerAuth").asDouble()).as(id + " made requests").isPositive();
        }
        assertThat(report.path("machine").path("keycloak").asText()).isNotBlank();

        JsonNode server = report.path("server");
        assertThat(server.has("skipped")).as("server section skipped: " + server.path("skipped").asText()).isFalse();
        JsonNode cells = server.path("cells");
        int expectedCells = options.server().flows().size() * options.server().clients().size() * 2;
        assertThat(cells).as("every flow x {1, 4, 16} clients x {fragment, web_message}").hasSize(expectedCells);
        Set<String> seen = new HashSet<>();
        for (JsonNode cell : cells) {
            String id = cell.path("flow").asText() + "/" + cell.path("clients").asInt() + "/" + cell.path("responseMode").asText();
            seen.add(id);
            assertThat(cell.path("successes").asLong()).as(id + " successes").isPositive();
            assertThat(cell.path("failures").asLong()).as(id + " failures " + cell.path("failuresByReason")).isZero();
            assertThat(cell.path("requestsPerSecond").asDouble()).as(id + " req/s").isPositive();
            assertThat(cell.path("throughputRatioToFragment").isNumber()).as(id + " ratio").isTrue();
            assertThat(cell.path("cpuMsPerRequest").isNumber()).as(id + " CPU-ms of the JVM this run started; " + server.path("cpu")).isTrue();
        }
        assertThat(seen).as("no cell twice").hasSize(expectedCells);
        assertThat(server.path("sessions").asInt()).isEqualTo(options.server().sessions());
        assertThat(server.path("warmUp").path("intervalsRequestsPerSecond")).as("the warm-up ran and reported its intervals").isNotEmpty();
        assertThat(server.path("warmUp").path("rule").asText()).isNotBlank();

        List<String> lines = Files.readAllLines(markdown);
        assertThat(lines.get(0)).contains("ratio to keycloak-js check-sso");
        List<String> rows = lines.stream().filter(l -> l.startsWith("| ") && !l.startsWith("| variant") && !l.startsWith("| server alone")
                && !l.matches("\\| (implicit|code) \\|.*")).toList();
        assertThat(rows).hasSize(Variant.values().length);
        assertThat(lines).as("the server table").anyMatch(l -> l.startsWith("| server alone"))
                .filteredOn(l -> l.matches("\\| (implicit|code) \\|.*")).hasSize(expectedCells);
        for (String row : rows) {
            // The ratio column (4th) is a number in every row: a variant without tokens would leave NaN there.
            String ratio = row.split("\\|")[4].trim();
            assertThat(ratio).as(row).matches("\\d+\\.\\d\\d");
        }
    }
}
