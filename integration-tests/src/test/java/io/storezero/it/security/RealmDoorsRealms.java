package io.storezero.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.it.support.KeycloakAdmin;
import io.storezero.it.support.RealmImportSets;
import io.storezero.it.support.StorezeroServer;

/**
 * Every realm file the project ships or tests with, found by listing the folders so that a new file is checked without
 * editing the test: every import set the build merges from realm-export/ ({@link RealmImportSets}), i.e. what an operator
 * imports - the simulated set (imported by the test runner at start) and every other set (not imported by the test
 * runner: imported here under another name, placeholders filled, deleted after) - and the test realms (imported as the
 * other ITs import them).
 */
final class RealmDoorsRealms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final String TEST_REALMS = "test-support/src/main/resources/realms";

    /** A realm file, and how to get it onto the live server. */
    record Source(String file, Kind kind) {

        String label() {
            return file;
        }
    }

    enum Kind { RUNNER_IMPORTED, VARIANT, TEST_REALM }

    /** The realm of a source on the live server; a variant is removed again on close. */
    record Live(String name, KeycloakAdmin admin, boolean temporary) implements AutoCloseable {

        @Override
        public void close() {
            if (temporary) {
                admin.removeRealm(name);
            }
        }
    }

    private RealmDoorsRealms() {
    }

    static List<Source> discover() {
        Path root = StorezeroServer.root();
        List<Source> sources = new ArrayList<>();
        for (String set : RealmImportSets.ALL) {
            for (Path file : RealmImportSets.files(set)) {
                boolean runnerImported = set.equals(RealmImportSets.SIMULATED);
                sources.add(new Source(root.relativize(file).toString(), runnerImported ? Kind.RUNNER_IMPORTED : Kind.VARIANT));
            }
        }
        for (Path file : jsonFiles(root.resolve(TEST_REALMS))) {
            sources.add(new Source(root.relativize(file).toString(), Kind.TEST_REALM));
        }
        return sources;
    }

    static Live open(Source source, KeycloakAdmin admin) {
        Path file = StorezeroServer.root().resolve(source.file());
        String name = read(file).get("realm").asText();
        switch (source.kind()) {
            case RUNNER_IMPORTED -> {
                if (!admin.realmExists(name)) {
                    throw new IllegalStateException("the runner did not import " + source.file() + " (realm " + name + ")");
                }
                return new Live(name, admin, false);
            }
            case TEST_REALM -> {
                admin.ensureRealm("/realms/" + file.getFileName());
                return new Live(name, admin, false);
            }
            default -> {
                // Same realm name as the runner's set: imported beside it under a name of its own (storezero-doors-real), as
                // ProductionRealmIT does.
                String variantName = name + "-doors-" + file.getParent().getFileName();
                admin.removeRealm(variantName);
                ObjectNode realm = (ObjectNode) read(fillPlaceholders(readString(file)));
                realm.put("realm", variantName);
                admin.createRealm(realm);
                return new Live(variantName, admin, true);
            }
        }
    }

    /**
     * What Keycloak's import does with ${VAR:default}; a variable without a default (a production URL or secret) gets
     * a stand-in value (an https URL for *_URL), which is enough: no door may depend on a production setting.
     */
    static String fillPlaceholders(String json) {
        Matcher m = PLACEHOLDER.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1).toLowerCase().replace('_', '-');
            String value = m.group(2) != null ? m.group(2)
                    : variable.endsWith("-url") ? "https://" + variable + ".example.com" : "doors-check-" + variable;
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        return read(readString(file));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
