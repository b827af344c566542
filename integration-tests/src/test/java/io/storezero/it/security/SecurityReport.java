package io.storezero.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The counts of one hostile-input suite (cases tried, 5xx seen, messages to foreign origins, scripts executed, markup
 * rendered, ...) and its findings, printed and written as JSON to {@code target/security-report/<suite>.json}, so a
 * reader sees what was tried even when everything passed.
 */
final class SecurityReport {

    /** The findings listed in full in the report and in the failure message; the counts always cover all of them. */
    private static final int LISTED = 400;

    private final String suite;
    /** The seed a run replays from; null for a suite whose cases are fixed. */
    private final Long seed;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    SecurityReport(String suite, Long seed, String... countNames) {
        this.suite = suite;
        this.seed = seed;
        for (String name : countNames) {
            counts.put(name, 0L);
        }
    }

    void count(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    /** A finding: counted under {@code kind} and described precisely (endpoint, parameter, payload index, what was seen). */
    synchronized void finding(String kind, String description) {
        count(kind);
        findings.add(kind + ": " + description);
    }

    long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    List<String> findings() {
        return List.copyOf(findings);
    }

    /** Prints the counts and writes the JSON report; answers its path. */
    Path write() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", suite);
        json.put("seed", seed);
        json.put("counts", counts);
        json.put("findings", findings.size());
        json.put("listedFindings", findings.subList(0, Math.min(LISTED, findings.size())));
        Path file = Path.of("target", "security-report", suite + ".json").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[security-report] " + suite + (seed == null ? "" : " seed=" + seed) + " " + counts + " findings=" + findings.size() + " -> " + file);
        return file;
    }

    /** The failure message: every count, then the findings (the first {@value #LISTED}). */
    String summary() {
        String replay = seed == null ? "fixed cases" : "seed " + seed + ", replay with -D" + suite + ".seed=" + seed;
        StringBuilder text = new StringBuilder(suite + " (" + replay + "): "
                + findings.size() + " findings, counts " + counts + "\n");
        findings.stream().limit(LISTED).forEach(f -> text.append("  - ").append(f).append('\n'));
        if (findings.size() > LISTED) {
            text.append("  ... and ").append(findings.size() - LISTED).append(" more (see the JSON report)\n");
        }
        return text.toString();
    }
}
