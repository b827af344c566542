package io.storezero.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void productionRunsInAStateFolderOfItsOwnAndSaysSo() {
        BenchOptions dev = BenchOptions.parse(List.of());
        BenchOptions production = BenchOptions.parse(List.of("--production"));

        // A dev run must never find the production run's PostgreSQL data folder, nor the other way round.
        assertNotEquals(dev.state(), production.state());
        assertTrue(production.mode().startsWith("production (start --optimized, PostgreSQL"), production.mode());
        assertTrue(dev.mode().startsWith("dev (start-dev"), dev.mode());
    }

    @Test
    void productionStartsItsOwnKeycloakSoAUrlIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--production", "--keycloak-url", "http://localhost:8080")));

        assertTrue(refused.getMessage().contains("cannot be combined with --keycloak-url"), refused.getMessage());
    }

    @Test
    void anExplicitStateFolderWinsInEitherMode() {
        BenchOptions production = BenchOptions.parse(List.of("--state", "/tmp/bench-state", "--production"));

        assertEquals("/tmp/bench-state", production.state().toString());
    }

    @Test
    void anAdminPasswordOnTheCommandLineIsRefusedWithoutBeingRepeated() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--admin-password", "visible-in-ps")));

        assertTrue(refused.getMessage().contains("KC_BOOTSTRAP_ADMIN_PASSWORD"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("visible-in-ps"), refused.getMessage());
    }

    @Test
    void anAdminPasswordFileGivesThePasswordWhichTheOptionsNeverPrint() throws Exception {
        Path file = Files.createTempFile("bench-admin", ".txt");
        try {
            Files.writeString(file, "from-a-file\n");

            BenchOptions options = BenchOptions.parse(List.of("--admin-password-file", file.toString()));

            assertEquals(Optional.of("from-a-file"), options.adminPassword());
            assertTrue(!options.toString().contains("from-a-file"), options.toString());
        } finally {
            Files.delete(file);
        }
    }
}
