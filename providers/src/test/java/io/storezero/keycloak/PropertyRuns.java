package io.storezero.keycloak;

import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.quicktheories.QuickTheory;

/**
 * The property runs of one test class: each theory gets a printed seed — a fixed one in the build, so that a red build
 * is a change of the code under test and never the luck of a draw; {@code -DQT_SEED=<seed>} replays a run and
 * {@code -DQT_SEED=random} explores new examples — and the counts (properties, examples, seeds) go to the security report beside the integration suites'
 * ({@code integration-tests/target/security-report/properties-<name>.json}), as docs/security.md reports them.
 */
public final class PropertyRuns {

    static final long DEFAULT_SEED = 20_261_130L;

    private final String name;
    private final List<Long> seeds = new ArrayList<>();
    private int properties;
    private long examples;

    public PropertyRuns(String name) {
        this.name = name;
    }

    /** A theory of {@code count} examples from a printed, overridable seed. */
    public QuickTheory theory(int count) {
        String property = System.getProperty("QT_SEED");
        long seed = property == null || property.isBlank() ? DEFAULT_SEED
                : "random".equals(property) ? System.nanoTime() : Long.parseLong(property.trim());
        properties++;
        examples += count;
        seeds.add(seed);
        System.out.println("properties-" + name + " seed " + seed + " (replay with -DQT_SEED=" + seed + ")");
        return qt().withFixedSeed(seed).withExamples(count);
    }

    /** Call from {@code @AfterAll}. */
    public void writeReport() throws IOException {
        Path file = Path.of(System.getProperty("storezero.security.report", "../integration-tests/target/security-report"),
                "properties-" + name + ".json").toAbsolutePath().normalize();
        Files.createDirectories(file.getParent());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("suite", "properties-" + name);
        report.put("seeds", seeds);
        report.put("properties", properties);
        report.put("examples", examples);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
        System.out.println("[security-report] properties-" + name + " " + report + " -> " + file);
    }
}
