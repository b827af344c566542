package io.storezero.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import io.storezero.testsupport.KeycloakUnderTest;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Keycloak of the bundle, started once for the whole test run by the README's own runner
 * ({@code ./storezero start}, through {@link StorezeroRunner}, with the realms of {@code realm-export/} imported) and
 * stopped by {@code ./storezero stop} when the run ends. Tests use an in-memory dev database, so every run starts clean.
 *
 * <p>Its ports come from integration-tests/pom.xml ({@code storezero.it.*.port}, system properties of the test JVM),
 * never from the runner's defaults: those are the demo's, and the suite runs beside a running demo. Keycloak serves
 * HTTP and HTTPS (certificate from {@link TestTls}) in that one start, and the runner serves the app beside it.
 *
 * <p>{@code -Dstorezero.external=true} (Maven property of the same name) uses a Keycloak that is already running at
 * {@link #KEYCLOAK_URL}, started by {@code ./storezero start} on the same ports with the same realms, and leaves it
 * running: a quicker edit-test loop for tests. CI never sets it.
 */
public final class StorezeroServer implements BeforeAllCallback {

    public static final int KEYCLOAK_PORT = configuredPort("storezero.it.keycloak.port");
    public static final String KEYCLOAK_URL = "http://localhost:" + KEYCLOAK_PORT;
    /** The same Keycloak over TLS, with the run's self-signed certificate ({@link TestTls}); auth0-spa-js needs it. */
    public static final int HTTPS_PORT = configuredPort("storezero.it.keycloak.https.port");
    public static final String KEYCLOAK_HTTPS_URL = "https://localhost:" + HTTPS_PORT;
    public static final int MANAGEMENT_PORT = configuredPort("storezero.it.keycloak.management.port");
    /** The Storezero.io app the runner serves beside Keycloak: the storezero realm's SPA origin. */
    public static final int APP_PORT = configuredPort("storezero.it.app.port");
    public static final String APP_URL = "http://localhost:" + APP_PORT;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(StorezeroServer.class, key -> Running.start(), Running.class);
    }

    /**
     * A port the build configures ({@code -D<name>=...}, set from integration-tests/pom.xml). No default here: a
     * second list of defaults would drift from the pom's, and a test run outside Maven would then bind ports nobody
     * chose.
     */
    public static int configuredPort(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven "
                    + "(integration-tests/pom.xml sets every port) or pass -D" + name + "=<port>");
        }
        return Integer.parseInt(value.trim());
    }

    /**
     * The suite's Keycloak over HTTP ({@link #KEYCLOAK_URL}), with the bootstrap administrator the runner created from
     * the environment (or the development default).
     */
    public static KeycloakUnderTest keycloak() {
        return KeycloakUnderTest.of(KeycloakUnderTest.Mode.RUNNER_DEV, KEYCLOAK_URL)
                .administeredBy(KeycloakUnderTest.Admin.of(System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                        System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")));
    }

    /** The runner as the suite starts it: the suite's state folder and ports, HTTPS on. */
    public static StorezeroRunner runner() {
        return new StorezeroRunner(state(), KEYCLOAK_PORT, MANAGEMENT_PORT, APP_PORT, OptionalInt.of(HTTPS_PORT));
    }

    public static Path root() {
        return ProjectRoot.get();
    }

    public static Path state() {
        return Path.of(System.getProperty("storezero.state", "target/storezero")).toAbsolutePath().normalize();
    }

    /** Keycloak's own log of this run: what a log reader would see. */
    public static Path keycloakLog() {
        return state().resolve("keycloak.log");
    }

    static final class Running implements AutoCloseable {

        private final boolean external;

        private Running(boolean external) {
            this.external = external;
        }

        static Running start() {
            boolean external = Boolean.getBoolean("storezero.external");
            if (!external) {
                expectSuccess(runner().run(Duration.ofSeconds(900), "start"), "start");
            }
            return new Running(external);
        }

        @Override
        public void close() {
            if (!external) {
                expectSuccess(runner().run(Duration.ofSeconds(120), "stop"), "stop");
            }
        }

        private static void expectSuccess(StorezeroRunner.Result result, String command) {
            if (result.exitCode() != 0) {
                throw new IllegalStateException("./storezero " + command + " failed:\n" + result.output());
            }
        }
    }
}
